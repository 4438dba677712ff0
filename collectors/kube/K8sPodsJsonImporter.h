#pragma once

#include "import/Importer.h"

namespace perfcase {

// `kubectl get pods -o json` (a List, a PodList of `cluster-info dump`, or
// one Pod). One record per pod: an object snapshot, restart counts and
// resource requests/limits per container at the capture time
// (CaptureTime), container terminations and readiness changes as instants
// at their own times.
class K8sPodsJsonImporter : public Importer
{
public:
    std::string id() const override { return "k8s-pods-json"; }
    std::string kind() const override { return "k8s"; }
    std::string title() const override { return "Kubernetes pods (kubectl get pods -o json)"; }
    int sniff(const Sample &sample) const override;
    ImporterResult run(ImportContext &context) const override;
};

} // namespace perfcase
