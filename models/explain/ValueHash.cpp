#include "ValueHash.h"

#include <xxhash.h>

namespace tb {

ValueHash valueHash(const void *data, size_t size) {
    const XXH128_hash_t h = XXH3_128bits(data, size);
    return {h.low64, h.high64};
}

ValueHash valueHash(std::string_view bytes) {
    return valueHash(bytes.data(), bytes.size());
}

} // namespace tb
