#pragma once

#include "import/Importer.h"

namespace perfcase {

// `kubectl get events -o json`: core/v1 Events (EventList), events.k8s.io/v1
// Events, and the PascalCase internal structs of old `kubectl cluster-info
// dump` files. One record per Event object, written by KubeEventWriter.
class K8sEventsJsonImporter : public Importer
{
public:
    std::string id() const override { return "k8s-events-json"; }
    std::string kind() const override { return "k8s"; }
    std::string title() const override { return "Kubernetes events (kubectl get events -o json)"; }
    int sniff(const Sample &sample) const override;
    ImporterResult run(ImportContext &context) const override;
};

} // namespace perfcase
