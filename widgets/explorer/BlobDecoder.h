#pragma once

#include <QByteArray>
#include <QString>

namespace perfcase {

// Turns a stored blob (blobs.data with its blobs.compression) into bytes a
// person can read. The case file is untrusted, so output is capped: a small
// blob must not inflate into gigabytes in the GUI process.
class BlobDecoder
{
public:
    struct Result
    {
        QByteArray bytes; // the decompressed content, at most the limit
        bool ok = false;  // false: `note` says why nothing (or only part) is shown
        bool cut = false; // the content goes on beyond `bytes`
        QString note;     // what the viewer should say about the content, if anything
    };

    static constexpr qsizetype kDefaultLimit = 16 * 1024 * 1024;

    // compression is "none", "gzip" or "bzip2"; anything else is not decoded.
    static Result decode(const QByteArray &data, const QString &compression,
                         qsizetype limit = kDefaultLimit);

private:
    static Result gunzip(const QByteArray &data, qsizetype limit);
    static Result bunzip2(const QByteArray &data, qsizetype limit);
};

} // namespace perfcase
