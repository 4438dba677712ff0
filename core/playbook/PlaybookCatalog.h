#pragma once

#include "Playbook.h"

#include <string>
#include <vector>

namespace perfcase {

// The playbooks available: the bundled ones (compiled in from
// resources/playbooks) and the user's own, from
// $XDG_CONFIG_HOME/perfcase/playbooks/*.json. A user playbook with a bundled
// id shadows it. A user file that does not load is reported, not fatal.
class PlaybookCatalog
{
public:
    // userFolder empty: the standard folder above.
    explicit PlaybookCatalog(std::string userFolder = {});

    const std::vector<Playbook> &playbooks() const { return m_playbooks; }
    // nullptr when no playbook has this id.
    const Playbook *find(const std::string &id) const;
    // One line per user file that could not be loaded (file: reason).
    const std::vector<std::string> &problems() const { return m_problems; }

    static std::string defaultUserFolder();

private:
    std::vector<Playbook> m_playbooks;
    std::vector<std::string> m_problems;
};

} // namespace perfcase
