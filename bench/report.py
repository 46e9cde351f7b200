#!/usr/bin/python3
"""Renders a bench/run.sh results JSON as the Markdown tables of bench/README.md.

  bench/report.py bench/results/<date>.json
"""
import json
import sys


def ms(v):
    return "-" if v is None else (f"{v:.2f}" if v < 100 else f"{v:.0f}")


def rps(v):
    return f"{v:.3g}" if v < 10 else f"{v:,.0f}"


def main():
    with open(sys.argv[1]) as f:
        r = json.load(f)
    m = r["machine"]
    print(f"Run `{r['command']}` ({r['mode']}), {r['started']}, commit {m.get('git_commit')} "
          f"({m.get('git_dirty_files', 0)} files modified in the tree), {m['cpus']} CPUs ({m.get('cpu', '?')}), "
          f"load average at start {m['loadavg_at_start'][0]:.1f}; {r['rounds']} interleaved rounds of "
          f"{r['seconds_per_round']} s per point, medians shown.\n")
    if r.get("rows"):
        print("| system | route | text | conns | req/s | p50 ms | p99 ms | errors |")
        print("|---|---|---|--:|--:|--:|--:|--:|")
        for row in r["rows"]:
            extra = f" ({row['mb_per_s']} MB/s)" if "mb_per_s" in row else ""
            print(f"| {row['system']} | `{row['route']}` | {row['text']} | {row['connections']} | "
                  f"{rps(row['rps'])}{extra} | {ms(row['p50_ms'])} | {ms(row['p99_ms'])} | {row['errors_total']} |")
        print()
    if r.get("ratios"):
        print("| a | b | text | conns | req/s a/b | p50 b/a | p50 b-a ms |")
        print("|---|---|---|--:|--:|--:|--:|")
        for x in r["ratios"]:
            print(f"| {x['a']} | {x['b']} | {x['text']} | {x['connections']} | {x['rps_ratio']} | "
                  f"{x['p50_ratio_b_over_a']} | {x['p50_delta_ms']:+.3f} |")
        print()
    if r.get("modules"):
        print("| module | activation ms (in_process / process / patterns only) | worker peak RSS MiB |")
        print("|---|--:|--:|")
        for name, x in sorted(r["modules"].items()):
            acts = " / ".join(ms(x.get(k)) for k in ("activation_ms_in_process", "activation_ms_process",
                                                     "activation_ms_patterns_only"))
            print(f"| {name} | {acts} | {ms(x.get('worker_peak_rss_mib'))} |")
        print()
    if r.get("memory"):
        print("| memory | MiB |")
        print("|---|--:|")
        for k, v in r["memory"].items():
            print(f"| {k} | {ms(v)} |")
        print()
    if "toxicity_parity_max_abs_diff" in r:
        print(f"Toxicity scores, sentineld vs the Python peer on the same texts: max |diff| "
              f"{r['toxicity_parity_max_abs_diff']:.1e}.")
    if "python_peer_profile" in r:
        p = r["python_peer_profile"]
        print(f"Python peer, 200-byte text ({p['tokens']} ids): tokenizing {p['tokenize_ms']:.3f} ms, forward pass "
              f"{p['forward_ms']:.3f} ms per call.")
    if "soak" in r:
        s = r["soak"]
        print(f"Soak: {s['seconds']} s of mixed load at {s['connections']} connections: {s['rps']:.0f} req/s, "
              f"{s['wrk']['requests']} requests, errors {s['errors_total']}, daemon alive {s['alive']}; RSS "
              f"first minute {s['rss_first_minute_mean_mib']:.1f} MiB, last minute {s['rss_last_minute_mean_mib']:.1f} "
              f"MiB, slope {s['rss_slope_mib_per_min']} MiB/min, peak {s['peak_rss_mib']:.1f} MiB; latency p50 "
              f"{s['wrk']['latency_us']['p50'] / 1000:.2f} ms, p99 {s['wrk']['latency_us']['p99'] / 1000:.2f} ms.")


if __name__ == "__main__":
    main()
