#pragma once

#include "import/Importer.h"

#include <string_view>

namespace perfcase {

class KubeTable;

// The default table of `kubectl get events` and `kubectl events` (LAST SEEN
// TYPE REASON OBJECT MESSAGE, NAMESPACE first with -A; also -o wide and the
// old LASTSEEN/FIRSTSEEN/COUNT/NAME/KIND layout). Ages are relative to the
// capture time (CaptureTime). One record per table row.
class K8sEventsTableImporter : public Importer
{
public:
    std::string id() const override { return "k8s-events-table"; }
    std::string kind() const override { return "k8s"; }
    std::string title() const override { return "Kubernetes events table (kubectl get events)"; }
    int sniff(const Sample &sample) const override;
    ImporterResult run(ImportContext &context) const override;

    // Whether a table has the columns of an events table.
    static bool isEventsHeader(const KubeTable &table);
};

} // namespace perfcase
