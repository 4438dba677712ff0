#pragma once

#include "import/Importer.h"

namespace perfcase {

// `kubectl get hpa -o json` (a List, or one object): autoscaling/v2,
// v2beta2, v2beta1 and v1 (whose v2 data sits in annotations). One record
// per HPA: an object snapshot plus KubeHpaWriter's tracks at the capture
// time (CaptureTime).
class K8sHpaJsonImporter : public Importer
{
public:
    std::string id() const override { return "k8s-hpa-json"; }
    std::string kind() const override { return "k8s"; }
    std::string title() const override { return "Kubernetes HPAs (kubectl get hpa -o json)"; }
    int sniff(const Sample &sample) const override;
    ImporterResult run(ImportContext &context) const override;
};

} // namespace perfcase
