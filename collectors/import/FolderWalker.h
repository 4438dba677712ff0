#pragma once

#include <string>
#include <vector>

namespace perfcase {

// The files under a folder as CLI.md orders them: recursive, byte-sorted by
// relative path, symlinks not followed, dot-files and dot-folders skipped.
struct WalkedFile
{
    std::string path;     // full path
    std::string relative; // relative to the folder: the source's name
};

std::vector<WalkedFile> walkFolder(const std::string &folder);

} // namespace perfcase
