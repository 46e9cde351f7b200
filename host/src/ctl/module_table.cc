#include "ctl/module_table.h"

#include <algorithm>
#include <array>
#include <vector>

#include "common/utf8.h"

namespace sentinel {
namespace {

constexpr size_t kMinReasonWidth = 30;
constexpr const char* kGap = "  ";

struct Row {
  std::array<std::string, 4> cells;  // name, state, plugin, reason
};

// Display width: one column per code point (module tables hold names, versions and messages, no wide glyphs).
size_t Width(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

std::string Pad(const std::string& s, size_t width) { return s + std::string(width - std::min(width, Width(s)), ' '); }

std::string Text(const nlohmann::ordered_json& j, const char* key) {
  if (!j.is_object() || !j.contains(key) || !j[key].is_string()) return "";
  return ToValidUtf8(j[key].get<std::string>());
}

// "stage: message", without the "<module>: " prefix the host puts on every message (the name is column one).
std::string Reason(const nlohmann::ordered_json& module, const std::string& name) {
  const auto& error = module.contains("error") ? module["error"] : nlohmann::ordered_json();
  if (!error.is_object()) return "";
  std::string message = Text(error, "message");
  if (message.rfind(name + ": ", 0) == 0) message = message.substr(name.size() + 2);
  std::string stage = Text(error, "stage");
  return stage.empty() ? message : stage + ": " + message;
}

// Bytes of the first `columns` code points of `word`.
size_t CutAt(const std::string& word, size_t columns) {
  size_t cut = 0;
  for (size_t n = 0; cut < word.size() && n < columns; ++n) {
    ++cut;
    while (cut < word.size() && (static_cast<unsigned char>(word[cut]) & 0xC0) == 0x80) ++cut;
  }
  return cut;
}

// Splits `text` into lines of at most `width` columns at spaces. A word longer than a whole line (a path, say)
// fills the rest of the current line and goes on in the next.
std::vector<std::string> Wrap(const std::string& text, size_t width) {
  constexpr size_t kMinPiece = 8;  // a long word starts on a new line rather than leave a shorter piece behind
  std::vector<std::string> lines;
  std::string line;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find(' ', pos);
    std::string word = text.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
    pos = end == std::string::npos ? text.size() : end + 1;
    while (!word.empty()) {
      const size_t used = line.empty() ? 0 : Width(line) + 1;
      const size_t room = used < width ? width - used : 0;
      const std::string sep = line.empty() ? "" : " ";
      if (Width(word) <= room) {
        line += sep + word;
        break;
      }
      if (Width(word) > width && (line.empty() || room >= kMinPiece)) {
        size_t cut = CutAt(word, room);
        lines.push_back(line + sep + word.substr(0, cut));
        word = word.substr(cut);
      } else {
        lines.push_back(line);
      }
      line.clear();
    }
  }
  if (!line.empty() || lines.empty()) lines.push_back(line);
  return lines;
}

}  // namespace

std::string FormatModuleTable(const nlohmann::ordered_json& reply, size_t width) {
  std::vector<Row> rows = {{{"NAME", "STATE", "PLUGIN", "REASON"}}};
  if (reply.is_object() && reply.contains("modules") && reply["modules"].is_array()) {
    for (const auto& m : reply["modules"]) {
      Row row;
      row.cells[0] = Text(m, "name");
      row.cells[1] = Text(m, "state");
      if (m.contains("enabled") && m["enabled"] == false) row.cells[1] += " (disabled)";
      const auto& plugin = m.contains("plugin") ? m["plugin"] : nlohmann::ordered_json();
      row.cells[2] = plugin.is_object() ? Text(plugin, "name") + " " + Text(plugin, "version") : "-";
      row.cells[3] = Reason(m, row.cells[0]);
      rows.push_back(std::move(row));
    }
  }
  std::array<size_t, 3> widths{};
  for (const Row& row : rows) {
    for (size_t c = 0; c < widths.size(); ++c) widths[c] = std::max(widths[c], Width(row.cells[c]));
  }
  size_t indent = 0;
  for (size_t w : widths) indent += w + std::string(kGap).size();
  const size_t reason_width = width > indent + kMinReasonWidth ? width - indent : kMinReasonWidth;

  std::string out;
  for (const Row& row : rows) {
    std::string line;
    for (size_t c = 0; c < widths.size(); ++c) line += Pad(row.cells[c], widths[c]) + kGap;
    std::vector<std::string> reason = Wrap(row.cells[3], reason_width);
    line += reason[0];
    for (size_t i = 1; i < reason.size(); ++i) line += "\n" + std::string(indent, ' ') + reason[i];
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + "\n";
  }
  if (rows.size() == 1) out += "(no modules configured)\n";
  return out;
}

}  // namespace sentinel
