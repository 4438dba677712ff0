#pragma once

namespace perfcase {

// Opens the window (on the case named in argv, if any). Exits 6 with a
// one-line hint when there is no display, since Qt would abort.
int runGui(int argc, char **argv);

} // namespace perfcase
