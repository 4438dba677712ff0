#include "FolderWalker.h"

#include <algorithm>
#include <filesystem>

namespace perfcase {

std::vector<WalkedFile> walkFolder(const std::string &folder)
{
    namespace fs = std::filesystem;
    std::vector<WalkedFile> files;
    std::error_code error;
    fs::recursive_directory_iterator it(folder, fs::directory_options::skip_permission_denied,
                                        error);
    for (; !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
        const fs::path &path = it->path();
        const std::string leaf = path.filename().string();
        if (!leaf.empty() && leaf[0] == '.') {
            if (it->is_directory(error)) it.disable_recursion_pending();
            continue;
        }
        if (it->is_symlink(error) || !it->is_regular_file(error)) continue;
        files.push_back({path.string(), fs::relative(path, folder, error).generic_string()});
    }
    std::sort(files.begin(), files.end(),
              [](const WalkedFile &a, const WalkedFile &b) { return a.relative < b.relative; });
    return files;
}

} // namespace perfcase
