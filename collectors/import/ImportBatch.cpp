#include "ImportBatch.h"

#include "FileImporter.h"
#include "FolderWalker.h"
#include "UserIdentity.h"

#include "CaseFile.h"

#include <filesystem>

namespace perfcase {

ImportBatch::ImportBatch(CaseFile &file, const ImporterRegistry &importers)
    : m_file(file), m_importers(importers)
{}

ImportBatch::Summary ImportBatch::run(const std::vector<std::string> &paths,
                                      const ImportOptions &options, const CancelToken &token,
                                      const std::function<void(const ImportOutcome &)> &onFile,
                                      const BatchProgressFn &progress)
{
    namespace fs = std::filesystem;
    struct Item
    {
        std::string path, name;
        bool named; // named directly, not found in a folder
    };
    Summary summary;
    std::vector<Item> items;
    std::vector<std::pair<std::string, std::size_t>> folders; // folder, first item index
    for (const std::string &path : paths) {
        std::error_code error;
        auto status = fs::status(path, error);
        if (!error && fs::is_directory(status)) {
            folders.emplace_back(path, items.size());
            for (const WalkedFile &file : walkFolder(path))
                items.push_back({file.path, file.relative, false});
            continue;
        }
        std::string name = options.name.empty() ? fs::path(path).filename().string() : options.name;
        items.push_back({path, name, true});
    }

    FileImporter importer(m_file, m_importers);
    std::vector<bool> folderImported(folders.size(), false);
    const int count = int(items.size());
    for (int index = 0; index < count; ++index) {
        const Item &item = items[std::size_t(index)];
        if (token.isCancelled()) {
            summary.cancelled = true;
            break;
        }
        ImportOutcome outcome;
        std::error_code error;
        if (item.named && !fs::exists(item.path, error)) {
            outcome.path = item.path;
            outcome.status = ImportOutcome::Status::Failed;
            outcome.error = "no such file or folder";
        } else {
            if (progress) progress(index, count, item.path, 0, 0);
            outcome = importer.import(item.path, item.name, options, token,
                                      [&](std::uint64_t done, std::uint64_t total) {
                                          if (progress)
                                              progress(index, count, item.path, done, total);
                                      });
        }
        if (outcome.status == ImportOutcome::Status::Skipped && item.named) {
            // A file the user named must be readable: unknown format is an error.
            outcome.status = ImportOutcome::Status::Failed;
        }
        switch (outcome.status) {
        case ImportOutcome::Status::Imported:
            ++summary.imported;
            break;
        case ImportOutcome::Status::Duplicate:
            ++summary.duplicates;
            break;
        case ImportOutcome::Status::Skipped:
            ++summary.skipped;
            break;
        case ImportOutcome::Status::Failed:
            ++summary.failed;
            summary.inputError = true;
            break;
        case ImportOutcome::Status::Cancelled:
            summary.cancelled = true;
            break;
        }
        if (outcome.status == ImportOutcome::Status::Imported ||
            outcome.status == ImportOutcome::Status::Duplicate) {
            for (std::size_t f = 0; f < folders.size(); ++f) {
                std::size_t end = f + 1 < folders.size() ? folders[f + 1].second : items.size();
                if (std::size_t(index) >= folders[f].second && std::size_t(index) < end)
                    folderImported[f] = true;
            }
        }
        if (onFile) onFile(outcome);
        if (summary.cancelled) break;
    }
    if (summary.imported > 0 && !summary.cancelled) {
        // A trace without wall-clock metadata may line up with a HAR or an
        // access log that just arrived (or that it just joined).
        summary.aligned = ClockAligner::alignUnaligned(m_file.db(), currentUserName());
    }
    for (std::size_t f = 0; f < folders.size() && !summary.cancelled; ++f) {
        if (!folderImported[f]) {
            summary.inputError = true;
            ImportOutcome outcome;
            outcome.path = folders[f].first;
            outcome.status = ImportOutcome::Status::Failed;
            outcome.error = "nothing importable in this folder";
            ++summary.failed;
            if (onFile) onFile(outcome);
        }
    }
    return summary;
}

} // namespace perfcase
