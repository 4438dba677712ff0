#include "BlobDecoder.h"

#include <QCoreApplication>
#include <algorithm>
#include <bzlib.h>
#include <zlib.h>

namespace perfcase {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("perfcase::BlobDecoder", text);
}

constexpr qsizetype kChunk = 64 * 1024;

} // namespace

BlobDecoder::Result BlobDecoder::decode(const QByteArray &data, const QString &compression,
                                        qsizetype limit)
{
    if (compression == QLatin1String("none")) {
        Result result;
        result.ok = true;
        result.cut = data.size() > limit;
        result.bytes = data.left(limit);
        return result;
    }
    if (compression == QLatin1String("gzip")) return gunzip(data, limit);
    if (compression == QLatin1String("bzip2")) return bunzip2(data, limit);
    Result result;
    result.note = tr("compressed (%1), %2 bytes: this compression cannot be shown")
                      .arg(compression)
                      .arg(data.size());
    return result;
}

BlobDecoder::Result BlobDecoder::gunzip(const QByteArray &data, qsizetype limit)
{
    // qUncompress() reads zlib's own framing, not gzip: inflate directly,
    // with 16 + MAX_WBITS so zlib expects (and checks) the gzip header.
    Result result;
    z_stream stream{};
    if (inflateInit2(&stream, 16 + MAX_WBITS) != Z_OK) {
        result.note = tr("cannot start gzip decompression");
        return result;
    }
    stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.constData()));
    stream.avail_in = uInt(data.size());
    int rc = Z_OK;
    while (rc != Z_STREAM_END) {
        if (result.bytes.size() >= limit) {
            result.cut = true;
            break;
        }
        const qsizetype before = result.bytes.size();
        const qsizetype room = std::min(kChunk, limit - before);
        result.bytes.resize(before + room);
        stream.next_out = reinterpret_cast<Bytef *>(result.bytes.data() + before);
        stream.avail_out = uInt(room);
        rc = inflate(&stream, Z_NO_FLUSH);
        result.bytes.resize(before + room - qsizetype(stream.avail_out));
        // Several gzip members in a row are one stream to `gzip -d`.
        if (rc == Z_STREAM_END && stream.avail_in > 0) {
            inflateReset(&stream);
            rc = Z_OK;
            continue;
        }
        if (rc == Z_BUF_ERROR && stream.avail_in == 0) {
            result.note = tr("the gzip stream ends early; showing what could be read");
            break;
        }
        if (rc != Z_OK && rc != Z_STREAM_END) {
            result.note = tr("gzip data is corrupt (%1); showing what could be read")
                              .arg(QString::fromUtf8(stream.msg ? stream.msg : "error"));
            break;
        }
    }
    inflateEnd(&stream);
    result.ok = result.note.isEmpty();
    return result;
}

BlobDecoder::Result BlobDecoder::bunzip2(const QByteArray &data, qsizetype limit)
{
    Result result;
    bz_stream stream{};
    if (BZ2_bzDecompressInit(&stream, 0, 0) != BZ_OK) {
        result.note = tr("cannot start bzip2 decompression");
        return result;
    }
    stream.next_in = const_cast<char *>(data.constData());
    stream.avail_in = unsigned(data.size());
    int rc = BZ_OK;
    while (rc != BZ_STREAM_END) {
        if (result.bytes.size() >= limit) {
            result.cut = true;
            break;
        }
        const qsizetype before = result.bytes.size();
        const qsizetype room = std::min(kChunk, limit - before);
        result.bytes.resize(before + room);
        stream.next_out = result.bytes.data() + before;
        stream.avail_out = unsigned(room);
        rc = BZ2_bzDecompress(&stream);
        result.bytes.resize(before + room - qsizetype(stream.avail_out));
        if (rc == BZ_OK && stream.avail_in == 0 && stream.avail_out > 0) {
            result.note = tr("the bzip2 stream ends early; showing what could be read");
            break;
        }
        if (rc != BZ_OK && rc != BZ_STREAM_END) {
            result.note = tr("bzip2 data is corrupt; showing what could be read");
            break;
        }
    }
    BZ2_bzDecompressEnd(&stream);
    result.ok = result.note.isEmpty();
    return result;
}

} // namespace perfcase
