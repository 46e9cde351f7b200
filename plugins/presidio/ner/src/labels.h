// The BIO tag set of the tagger. Tag 0 is O; entity k (0-based) has
// B = 1 + 2k and I = 2 + 2k.
#ifndef PRESIDIO_NER_LABELS_H_
#define PRESIDIO_NER_LABELS_H_

#include <string>

namespace presidio_ner {

constexpr int kNumEntities = 4;
constexpr int kNumTags = 1 + 2 * kNumEntities;
inline const char* const kEntityNames[kNumEntities] = {
    "PERSON", "LOCATION", "ORGANIZATION", "NRP"};

// Returns the entity index for a label name, or -1.
inline int EntityIndex(const std::string& name) {
  for (int k = 0; k < kNumEntities; ++k) {
    if (name == kEntityNames[k]) return k;
  }
  return -1;
}

inline int BeginTag(int entity) { return 1 + 2 * entity; }
inline int InsideTag(int entity) { return 2 + 2 * entity; }
inline int TagEntity(int tag) { return tag == 0 ? -1 : (tag - 1) / 2; }
inline bool IsBegin(int tag) { return tag != 0 && (tag - 1) % 2 == 0; }

}  // namespace presidio_ner

#endif  // PRESIDIO_NER_LABELS_H_
