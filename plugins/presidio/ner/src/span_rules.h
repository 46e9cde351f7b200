// Span rules applied after decoding, for the spans a privacy engineer
// expects: a person's multi-part name is one span ("María José García",
// "Ludwig van Beethoven"), and nothing inside an e-mail address, a URL or a
// handle-like token is a name or a place (those are pattern entities).
#ifndef PRESIDIO_NER_SPAN_RULES_H_
#define PRESIDIO_NER_SPAN_RULES_H_

#include <string_view>
#include <vector>

#include "presidio_ner/ner_tagger.h"
#include "tokenizer.h"

namespace presidio_ner {

// True for name particles that join parts of one name ("van", "de la").
bool IsNameParticle(std::string_view lowered);

// spans: sorted by begin, inside `tokens` (one chunk). Drops spans inside
// an e-mail address, a URL or a www. address; trims a dotted abbreviation
// ("D.L.") off the end of a PERSON span; merges PERSON spans that
// are separated only by spaces (no line break) or by name particles,
// keeping the lower score.
void ApplySpanRules(std::string_view text, const std::vector<Token>& tokens,
                    std::vector<NerSpan>* spans);

}  // namespace presidio_ner

#endif  // PRESIDIO_NER_SPAN_RULES_H_
