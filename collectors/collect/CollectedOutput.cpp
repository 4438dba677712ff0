#include "CollectedOutput.h"

#include "import/FileImporter.h"
#include "Gzip.h"
#include "io/Sha256.h"

#include <QTemporaryFile>
#include <QUuid>

namespace perfcase {

namespace {

ImportOptions::Blob blobOf(const std::string &name, const std::string &data)
{
    Sha256 hash;
    hash.update(data);
    return {name, "gzip", hash.hex(), gzipCompress(data)};
}

} // namespace

ImportOutcome CollectedOutput::importInto(CaseFile &file, const ImporterRegistry &importers,
                                          const std::string &format, const std::string &name,
                                          const CancelToken &token) const
{
    // The importers read files (sniffing, hashing, progress by bytes); the
    // output goes through a private temporary file, removed on return.
    QTemporaryFile spool;
    ImportOutcome outcome;
    outcome.path = name;
    if (!spool.open() ||
        spool.write(stdoutBytes.data(), qint64(stdoutBytes.size())) != qint64(stdoutBytes.size()) ||
        !spool.flush()) {
        outcome.error = "cannot write a temporary file: " + spool.errorString().toStdString();
        return outcome;
    }
    ImportOptions options;
    options.format = format;
    options.name = name;
    options.at = collectedAt;
    options.origin = origin();
    options.collectionKey = QUuid::createUuid().toString(QUuid::WithoutBraces).toStdString();
    options.blobs.push_back(blobOf("stdout", stdoutBytes));
    if (!stderrBytes.empty()) options.blobs.push_back(blobOf("stderr", stderrBytes));
    for (const auto &[attachmentName, data] : attachments)
        options.blobs.push_back(blobOf(attachmentName, data));
    FileImporter importer(file, importers);
    outcome = importer.import(spool.fileName().toStdString(), name, options, token);
    outcome.path = name;
    return outcome;
}

} // namespace perfcase
