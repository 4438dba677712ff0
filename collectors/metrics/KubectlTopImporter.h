#pragma once

#include "import/Importer.h"

#include <memory>

namespace perfcase {

// `kubectl-top-pods` and `kubectl-top-nodes`: one snapshot of `kubectl top`
// (docs/formats.md). Every row becomes samples at the snapshot's time (--at,
// else a stamp in the file name, else the file's modification time) on the
// vocabulary's tracks: k8s.cpu_usage (millicores) and k8s.memory_usage
// (bytes), labelled {namespace, pod, container} or {node}; nodes also give
// k8s.cpu_ratio and k8s.memory_ratio (CPU% and MEMORY% as 0..1). The labels
// are the same in every snapshot, so a folder of snapshots (one source per
// file) joins into one series per pod by track name and labels. `records`
// counts table rows (CLI.md, kind k8s).
class KubectlTopImporter : public Importer
{
public:
    enum class Target
    {
        Pods,
        Nodes
    };

    explicit KubectlTopImporter(Target target) : m_target(target) {}
    static std::unique_ptr<Importer> pods();
    static std::unique_ptr<Importer> nodes();

    std::string id() const override;
    std::string kind() const override { return "k8s"; }
    std::string title() const override;
    // 90 when the first line is this command's header.
    int sniff(const Sample &sample) const override;
    ImporterResult run(ImportContext &context) const override;

private:
    Target m_target;
};

} // namespace perfcase
