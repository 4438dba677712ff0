#pragma once

#include "KubeCatalogue.h"
#include "playbook/CollectPlan.h"
#include "import/CancelToken.h"
#include "import/ImportTypes.h"

#include <functional>
#include <set>
#include <string>
#include <vector>

namespace perfcase {

class CaseFile;
class ImporterRegistry;
class Transport;

// How one command of a collection went: the `collect --json` line.
struct CollectOutcome
{
    enum class Status
    {
        Imported,
        Failed, // could not run, exited non-zero, or its output could not be imported
        Denied  // `kubectl auth can-i` said no: not run
    };
    Status status = Status::Failed;
    KubeCommand command;
    std::string commandText; // quoted, as run
    std::string target;
    std::string transport;
    std::int64_t collectedAt = 0;
    std::string error;
    ImportOutcome import; // when Imported (or failed while importing)
    std::string output;   // what a step the collector reads itself printed (a pod list)
};

std::string statusName(CollectOutcome::Status status);

// Runs catalogue commands through a transport and imports what they print:
// kubectl's version first (kept with every source), `auth can-i` for every
// permission the commands need (a denied one is reported per signal, its
// commands not run), then each command, one source each. A failing command
// does not stop the others.
class KubeCollector
{
public:
    KubeCollector(Transport &transport, CaseFile &file, const ImporterRegistry &importers);

    using OutcomeFn = std::function<void(const CollectOutcome &)>;
    // Progress: commands done, commands known so far, the one starting.
    using ProgressFn = std::function<void(int done, int total, const std::string &title)>;

    struct Request
    {
        std::string collector; // a catalogue id
        KubeScope scope;
    };
    // Throws std::invalid_argument for an unknown collector or a bad value
    // before anything runs; TransportError when the target cannot be
    // reached; Cancelled.
    std::vector<CollectOutcome> collect(const std::vector<Request> &requests,
                                        const CancelToken &token, const OutcomeFn &onOutcome = {},
                                        const ProgressFn &progress = {});

    // The plan's actions as requests: base with each action's namespace and
    // parameters.
    static std::vector<Request> requestsFor(const CollectPlan &plan, const KubeScope &base);

    // The permissions auth can-i denied in the last collect().
    const std::set<std::string> &denied() const { return m_denied; }

private:
    CollectOutcome runAndImport(const KubeCommand &command, const CancelToken &token);
    bool allowed(const KubeCommand &command, const KubeScope &scope, const CancelToken &token,
                 std::string &missing);
    void readVersion(const KubeScope &scope, const CancelToken &token);

    Transport &m_transport;
    CaseFile &m_file;
    const ImporterRegistry &m_importers;
    std::string m_version;
    std::map<std::string, bool> m_permissions;
    std::set<std::string> m_denied;
};

} // namespace perfcase
