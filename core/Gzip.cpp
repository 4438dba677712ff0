#include "Gzip.h"

#include <stdexcept>
#include <zlib.h>

namespace perfcase {

std::string gzipCompress(std::string_view data)
{
    z_stream stream{};
    // windowBits 15 + 16: a gzip header and trailer instead of zlib's.
    if (deflateInit2(&stream, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        throw std::runtime_error("zlib: deflateInit2 failed");
    std::string out(deflateBound(&stream, uLong(data.size())), '\0');
    stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.data()));
    stream.avail_in = uInt(data.size());
    stream.next_out = reinterpret_cast<Bytef *>(out.data());
    stream.avail_out = uInt(out.size());
    const int rc = deflate(&stream, Z_FINISH);
    out.resize(stream.total_out);
    deflateEnd(&stream);
    if (rc != Z_STREAM_END) throw std::runtime_error("zlib: deflate failed");
    return out;
}

std::string gzipDecompress(std::string_view data, std::size_t maxBytes)
{
    z_stream stream{};
    // 16 + MAX_WBITS: zlib expects (and checks) the gzip header and trailer.
    if (inflateInit2(&stream, 16 + MAX_WBITS) != Z_OK)
        throw std::runtime_error("zlib: inflateInit2 failed");
    stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.data()));
    stream.avail_in = uInt(data.size());
    std::string out;
    char buffer[64 * 1024];
    int rc = Z_OK;
    while (true) {
        stream.next_out = reinterpret_cast<Bytef *>(buffer);
        stream.avail_out = sizeof buffer;
        rc = inflate(&stream, Z_NO_FLUSH);
        out.append(buffer, sizeof buffer - stream.avail_out);
        if (out.size() > maxBytes) {
            inflateEnd(&stream);
            throw std::runtime_error("gzip data grows past " + std::to_string(maxBytes) + " bytes");
        }
        if (rc == Z_STREAM_END && stream.avail_in > 0) {
            inflateReset(&stream); // the next member
            continue;
        }
        if (rc != Z_OK) break;
    }
    inflateEnd(&stream);
    if (rc != Z_STREAM_END)
        throw std::runtime_error(rc == Z_BUF_ERROR
                                     ? "gzip data is cut short"
                                     : "not gzip data (zlib error " + std::to_string(rc) + ")");
    return out;
}

} // namespace perfcase
