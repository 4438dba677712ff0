#pragma once
// What the fuzz targets share (docs/fuzzing.md): a scratch folder per
// process, the case file the importer targets write into, and the import
// itself, done the way `perfcase import` does it.

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string>

namespace perfcase::fuzz {

// Once per process, before anything else: a scratch folder (removed at
// exit), XDG_CONFIG_HOME inside it so that the user's own log formats,
// playbooks and settings take no part, and a QCoreApplication as the command
// line has.
void initialise();
const std::string &scratchFolder();

// Writes the bytes to scratchFolder()/name and returns the path.
std::string writeInput(const std::string &name, const std::uint8_t *data, std::size_t size);

// Imports the bytes as one file called fileName through ImportBatch, like
// `perfcase import CASE FILE --format F`, where F is the candidate whose
// sniff() likes the file best (the first when none does). The source is then
// removed so that the case stays small. Nothing may escape: an exception
// thrown out of the import is a finding (std::terminate).
void importAs(const std::uint8_t *data, std::size_t size, const std::string &fileName,
              std::initializer_list<const char *> formats);
// The same for text logs: the format is what the log-format detection picks
// (as for `perfcase import` without --format), else the generic text-log.
void importLog(const std::uint8_t *data, std::size_t size, const std::string &fileName);

} // namespace perfcase::fuzz
