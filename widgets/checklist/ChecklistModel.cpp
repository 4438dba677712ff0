#include "ChecklistModel.h"

#include "VerdictIcon.h"

#include <QFont>
#include <QStringList>
#include <algorithm>

namespace perfcase {

namespace {

// internalId of a section row; a step's is its section's row + 1.
constexpr quintptr kSectionId = 0;

QString fromStd(const std::string &text)
{
    return QString::fromStdString(text);
}

// Long texts in tooltips: rich text wraps, plain text would not.
QString wrapped(const QString &text)
{
    return QStringLiteral("<p>") +
           text.toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br>")) +
           QStringLiteral("</p>");
}

int iconSlot(std::optional<Verdict> verdict, bool overridden)
{
    const int base = !verdict ? 3 : int(*verdict);
    return base + (overridden ? 4 : 0);
}

} // namespace

ChecklistModel::ChecklistModel(QObject *parent) : QAbstractItemModel(parent)
{
    static_assert(int(Verdict::Pass) == 0 && int(Verdict::Fail) == 1 &&
                  int(Verdict::Inconclusive) == 2);
    for (bool overridden : {false, true}) {
        for (Verdict verdict : {Verdict::Pass, Verdict::Fail, Verdict::Inconclusive})
            m_icons[std::size_t(iconSlot(verdict, overridden))] =
                VerdictIcon::make(verdict, overridden);
        m_icons[std::size_t(iconSlot(std::nullopt, overridden))] =
            VerdictIcon::make(std::nullopt, overridden);
    }
}

void ChecklistModel::setPlaybook(const Playbook *playbook)
{
    beginResetModel();
    m_playbook = playbook;
    m_snapshot = {};
    m_hasSnapshot = false;
    endResetModel();
}

void ChecklistModel::setSnapshot(ChecklistSnapshot snapshot)
{
    m_snapshot = std::move(snapshot);
    m_hasSnapshot = true;
    if (!m_playbook) return;
    // The rows come from the playbook, which did not change: only the data did.
    for (int section = 0; section < rowCount(); ++section) {
        const QModelIndex parent = index(section, 0);
        Q_EMIT dataChanged(parent, index(section, ColumnCount - 1));
        const int steps = rowCount(parent);
        if (steps > 0)
            Q_EMIT dataChanged(index(0, 0, parent), index(steps - 1, ColumnCount - 1, parent));
    }
}

bool ChecklistModel::isStep(const QModelIndex &index) const
{
    return index.isValid() && index.internalId() != kSectionId;
}

QModelIndex ChecklistModel::stepIndex(const QString &stepId, int column) const
{
    if (!m_playbook) return {};
    const std::string id = stepId.toStdString();
    for (std::size_t section = 0; section < m_playbook->sections.size(); ++section) {
        const auto &steps = m_playbook->sections[section].steps;
        for (std::size_t row = 0; row < steps.size(); ++row)
            if (steps[row].id == id) return createIndex(int(row), column, quintptr(section + 1));
    }
    return {};
}

const Step *ChecklistModel::step(const QModelIndex &index) const
{
    if (!isStep(index) || !m_playbook || index.model() != this) return nullptr;
    const std::size_t section = index.internalId() - 1;
    if (section >= m_playbook->sections.size()) return nullptr;
    const auto &steps = m_playbook->sections[section].steps;
    return std::size_t(index.row()) < steps.size() ? &steps[std::size_t(index.row())] : nullptr;
}

const StepResult *ChecklistModel::result(const QModelIndex &index) const
{
    const Step *s = step(index);
    return s ? result(s->id) : nullptr;
}

const StepResult *ChecklistModel::result(const std::string &stepId) const
{
    return m_hasSnapshot ? m_snapshot.result.step(stepId) : nullptr;
}

std::optional<Verdict> ChecklistModel::verdict(const std::string &stepId) const
{
    const StepResult *r = result(stepId);
    if (!r || (m_snapshot.unchecked.count(stepId) && !r->override)) return std::nullopt;
    return r->verdict();
}

std::vector<StepNote> ChecklistModel::notes(const std::string &stepId) const
{
    std::vector<StepNote> notes;
    std::copy_if(m_snapshot.notes.begin(), m_snapshot.notes.end(), std::back_inserter(notes),
                 [&](const StepNote &note) { return note.step == stepId; });
    return notes;
}

QModelIndex ChecklistModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent)) return {};
    if (!parent.isValid()) return createIndex(row, column, kSectionId);
    return createIndex(row, column, quintptr(parent.row() + 1));
}

QModelIndex ChecklistModel::parent(const QModelIndex &child) const
{
    if (!isStep(child)) return {};
    return createIndex(int(child.internalId() - 1), 0, kSectionId);
}

int ChecklistModel::rowCount(const QModelIndex &parent) const
{
    if (!m_playbook) return 0;
    if (!parent.isValid()) return int(m_playbook->sections.size());
    if (isStep(parent) || parent.column() != 0) return 0;
    return int(m_playbook->sections[std::size_t(parent.row())].steps.size());
}

int ChecklistModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant ChecklistModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid)) return {};
    if (const Step *s = step(index)) return stepData(*s, index.column(), role);
    if (isStep(index) || !m_playbook) return {};
    return sectionData(m_playbook->sections[std::size_t(index.row())], index.column(), role);
}

QVariant ChecklistModel::stepData(const Step &s, int column, int role) const
{
    const StepResult *r = result(s.id);
    const std::optional<Verdict> shown = verdict(s.id);
    const bool overridden = r && r->override;
    switch (role) {
    case StepIdRole:
        return fromStd(s.id);
    case VerdictRole:
        return shown ? fromStd(verdictName(*shown)) : QString();
    case OverriddenRole:
        return overridden;
    case AutoVerdictRole:
        return r && !m_snapshot.unchecked.count(s.id) ? fromStd(verdictName(r->autoVerdict))
                                                      : QString();
    case Qt::DisplayRole:
        if (column == Title) return fromStd(s.title);
        return r ? fromStd(r->summary) : QString();
    case Qt::DecorationRole:
        if (column == Title && m_hasSnapshot) return iconFor(shown, overridden);
        return {};
    case Qt::AccessibleDescriptionRole: // what the icon shows, for screen readers
        if (column != Title || !m_hasSnapshot) return {};
        return QString((shown ? fromStd(verdictName(*shown)) : tr("not checked")) +
                       (overridden ? tr(", set by hand") : QString()));
    case Qt::ToolTipRole: {
        if (column == Summary) return r ? wrapped(fromStd(r->summary)) : QVariant();
        // The title first: the column is often too narrow for all of it.
        QString tip =
            fromStd(s.title) + QLatin1Char('\n') +
            (shown ? tr("Verdict: %1").arg(fromStd(verdictName(*shown))) : tr("Not checked yet"));
        if (overridden) tip += QLatin1Char('\n') + overrideText(*r->override);
        if (overridden && !m_snapshot.unchecked.count(s.id))
            tip += QLatin1Char('\n') +
                   tr("The check said: %1").arg(fromStd(verdictName(r->autoVerdict)));
        return wrapped(tip);
    }
    default:
        return {};
    }
}

QVariant ChecklistModel::sectionData(const Section &section, int column, int role) const
{
    if (role == Qt::FontRole) {
        QFont bold;
        bold.setBold(true);
        return bold;
    }
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole) return {};
    if (column == Title) return fromStd(section.title);
    if (!m_hasSnapshot) return {};
    std::array<int, 4> counts{}; // pass, fail, inconclusive, not checked
    for (const Step &s : section.steps) {
        const auto v = verdict(s.id);
        ++counts[v ? std::size_t(*v) : 3];
    }
    QStringList parts;
    if (counts[1]) parts << tr("%n failed", nullptr, counts[1]);
    if (counts[0]) parts << tr("%n passed", nullptr, counts[0]);
    if (counts[2]) parts << tr("%n inconclusive", nullptr, counts[2]);
    if (counts[3]) parts << tr("%n not checked", nullptr, counts[3]);
    return parts.join(QStringLiteral(" · "));
}

QString ChecklistModel::overrideText(const Override &entry) const
{
    return tr("Set to %1 by %2: %3")
        .arg(fromStd(verdictName(entry.verdict)),
             entry.author.empty() ? tr("an unknown user") : fromStd(entry.author),
             fromStd(entry.justification));
}

const QIcon &ChecklistModel::iconFor(std::optional<Verdict> verdict, bool overridden) const
{
    return m_icons[std::size_t(iconSlot(verdict, overridden))];
}

QVariant ChecklistModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractItemModel::headerData(section, orientation, role);
    if (section == Title) return tr("Step");
    if (section == Summary) return tr("Result");
    return {};
}

} // namespace perfcase
