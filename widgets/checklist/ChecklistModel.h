#pragma once

#include "ChecklistSnapshot.h"

#include <QAbstractItemModel>
#include <QIcon>
#include <array>
#include <optional>

namespace perfcase {

// The playbook as a tree: its sections, and under each its steps with their
// verdict (icon) and the verdict's text. An overridden step carries a hand on
// its icon, and its tooltip says who set it and why. Holds the snapshot the
// panel gives it; reads nothing itself.
class ChecklistModel : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum Column
    {
        Title,
        Summary,
        ColumnCount
    };
    enum Role
    {
        StepIdRole = Qt::UserRole + 1, // QString, steps only
        VerdictRole,                   // "pass", "fail", "inconclusive"; empty: not checked
        OverriddenRole,                // bool
        AutoVerdictRole                // the check's own verdict
    };

    explicit ChecklistModel(QObject *parent = nullptr);

    // The playbook to show (owned by the caller's catalogue, which outlives
    // the model); nullptr clears. Resets the model and the snapshot.
    void setPlaybook(const Playbook *playbook);
    const Playbook *playbook() const { return m_playbook; }
    // Verdicts and texts for the playbook shown. Same playbook, same rows:
    // only the data changes, so the view keeps its selection and expansion.
    void setSnapshot(ChecklistSnapshot snapshot);
    const ChecklistSnapshot &snapshot() const { return m_snapshot; }
    bool hasSnapshot() const { return m_hasSnapshot; }

    bool isStep(const QModelIndex &index) const;
    QModelIndex stepIndex(const QString &stepId, int column = Title) const;
    const Step *step(const QModelIndex &index) const;
    const StepResult *result(const QModelIndex &index) const;
    const StepResult *result(const std::string &stepId) const;
    // nullopt when the step has not been checked yet.
    std::optional<Verdict> verdict(const std::string &stepId) const;
    std::vector<StepNote> notes(const std::string &stepId) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QVariant stepData(const Step &step, int column, int role) const;
    QVariant sectionData(const Section &section, int column, int role) const;
    QString overrideText(const Override &entry) const;
    const QIcon &iconFor(std::optional<Verdict> verdict, bool overridden) const;

    const Playbook *m_playbook = nullptr;
    ChecklistSnapshot m_snapshot;
    bool m_hasSnapshot = false;
    // Pass, fail, inconclusive, not checked; each plain and overridden.
    std::array<QIcon, 8> m_icons;
};

} // namespace perfcase
