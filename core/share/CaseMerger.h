#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace perfcase {

class CaseFile;

// What `perfcase merge` brought into the case, and what it found there already.
struct MergeSummary
{
    struct Source
    {
        std::string name, kind;
        std::int64_t records = 0;
    };
    std::vector<Source> sourcesAdded;
    std::vector<Source> sourcesPresent; // the same content was here already
    std::int64_t annotationsAdded = 0, annotationsPresent = 0;
    std::int64_t notesAdded = 0, notesPresent = 0;
    std::int64_t overridesAdded = 0, overridesPresent = 0;
    std::int64_t clockChangesAdded = 0;
    // Sources both cases hold whose clock offset is now the teammate's (their
    // change was the later one: DESIGN.md, "the later ... is current").
    std::vector<std::string> clocksTaken;

    // One line per fact, as `perfcase merge` prints them and the window lists them.
    std::vector<std::string> describe() const;
};

// `perfcase merge CASE OTHER` (DESIGN.md, "The case file"): brings a
// teammate's work into a case without duplicates. Annotations, notes,
// checklist overrides and clock changes match by uuid; sources by uuid or
// by content (the import's dedup key, else the sha256), and a new source
// comes with all its rows, its full-text index and its derived levels,
// under new ids. OTHER is untrusted: the caller opens it read-only through
// CaseFile (schema check, integrity check when from elsewhere), and its
// rows are copied value by value, never attached or run. Everything lands
// in one transaction: a failure or cancel leaves the case as it was.
class CaseMerger
{
public:
    struct Cancelled
    {
    };

    // Throws CaseFileError (target read-only), SqlError, Cancelled.
    static MergeSummary run(CaseFile &target, CaseFile &other,
                            const std::function<bool()> &cancelled = {});
};

} // namespace perfcase
