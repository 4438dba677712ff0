#pragma once

#include "import/Importer.h"

namespace perfcase {

// `kubectl describe hpa` text (autoscaling/v2 and v1 layouts), one or more
// HPAs, each starting at a "Name:" line. Each HPA becomes an object and
// KubeHpaWriter's tracks at the capture time (CaptureTime); its Events
// table goes to k8s.events like an events table. Records: the HPAs plus
// the event rows.
class K8sHpaDescribeImporter : public Importer
{
public:
    std::string id() const override { return "k8s-hpa-describe"; }
    std::string kind() const override { return "k8s"; }
    std::string title() const override
    {
        return "Kubernetes HPA description (kubectl describe hpa)";
    }
    int sniff(const Sample &sample) const override;
    ImporterResult run(ImportContext &context) const override;
};

} // namespace perfcase
