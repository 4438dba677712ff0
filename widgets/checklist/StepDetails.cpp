#include "StepDetails.h"

#include "EvidenceModel.h"
#include "ViewState.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QScrollArea>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTextBrowser>
#include <QVBoxLayout>
#include <algorithm>

namespace perfcase {

namespace {

QString fromStd(const std::string &text)
{
    return QString::fromStdString(text);
}

QLabel *textLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    return label;
}

QString escaped(const std::string &text)
{
    return fromStd(text).toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br>"));
}

} // namespace

StepDetails::StepDetails(QWidget *parent)
    : QWidget(parent), m_state(new ViewState(this)), m_title(textLabel(this)),
      m_why(textLabel(this)), m_summary(textLabel(this)), m_overrideInfo(textLabel(this)),
      m_missing(textLabel(this)), m_override(new QPushButton(tr("Override verdict…"), this)),
      m_collect(new QPushButton(tr("Collect…"), this)), m_tabs(new QTabWidget(this)),
      m_evidenceModel(new EvidenceModel(this)), m_evidenceOrder(new QSortFilterProxyModel(this)),
      m_evidence(new QTableView(this)),
      m_evidenceNote(new QLabel(this)), m_notes(new QTextBrowser(this)),
      m_noteEdit(new QLineEdit(this)), m_addNote(new QPushButton(tr("Add note"), this))
{
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_why->setForegroundRole(QPalette::PlaceholderText);
    m_overrideInfo->setTextFormat(Qt::RichText);
    m_missing->setTextFormat(Qt::RichText);
    m_override->setToolTip(
        tr("Set this step's verdict by hand, with a justification stored with your name"));
    m_collect->setToolTip(tr("Get the data this step needs"));

    // The step's order first (its author's: often the worst first); a click
    // on a header sorts by that column, a third click goes back.
    m_evidenceOrder->setSourceModel(m_evidenceModel);
    m_evidenceOrder->setSortRole(Qt::EditRole);
    m_evidence->setModel(m_evidenceOrder);
    m_evidence->horizontalHeader()->setSortIndicatorClearable(true);
    m_evidence->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    m_evidence->setSortingEnabled(true);
    m_evidence->horizontalHeader()->setToolTip(
        tr("Click to sort; a third click goes back to the step's order"));
    m_evidence->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_evidence->setSelectionMode(QAbstractItemView::SingleSelection);
    m_evidence->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_evidence->setAlternatingRowColors(true);
    m_evidence->setWordWrap(false);
    m_evidence->verticalHeader()->hide();
    m_evidence->verticalHeader()->setDefaultSectionSize(m_evidence->fontMetrics().height() + 6);
    m_evidence->horizontalHeader()->setStretchLastSection(true);
    m_evidence->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_evidenceNote->setForegroundRole(QPalette::PlaceholderText);
    m_notes->setOpenLinks(false);
    m_noteEdit->setPlaceholderText(tr("Write a note on this step and press Enter"));
    m_noteEdit->setClearButtonEnabled(true);

    // What the step is and what its check said: text that may be long, so it
    // scrolls on its own and never squeezes the evidence away.
    auto *text = new QWidget;
    auto *textLayout = new QVBoxLayout(text);
    textLayout->setContentsMargins(6, 4, 6, 4);
    textLayout->addWidget(m_title);
    textLayout->addWidget(m_summary);
    textLayout->addWidget(m_overrideInfo);
    textLayout->addWidget(m_missing);
    textLayout->addWidget(m_why);
    textLayout->addStretch(1);
    auto *scroll = new QScrollArea(this);
    scroll->setWidget(text);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);

    auto *evidencePage = new QWidget;
    auto *evidenceLayout = new QVBoxLayout(evidencePage);
    evidenceLayout->setContentsMargins(0, 0, 0, 0);
    evidenceLayout->addWidget(m_evidence, 1);
    evidenceLayout->addWidget(m_evidenceNote);
    auto *notesPage = new QWidget;
    auto *notesLayout = new QVBoxLayout(notesPage);
    notesLayout->setContentsMargins(0, 0, 0, 0);
    notesLayout->addWidget(m_notes, 1);
    auto *noteRow = new QHBoxLayout;
    noteRow->addWidget(m_noteEdit, 1);
    noteRow->addWidget(m_addNote);
    notesLayout->addLayout(noteRow);
    m_tabs->addTab(evidencePage, tr("Evidence"));
    m_tabs->addTab(notesPage, tr("Notes"));
    m_tabs->setDocumentMode(true);

    // The buttons stay in sight below the text, however long it is.
    auto *top = new QWidget;
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addWidget(scroll, 1);
    auto *buttons = new QHBoxLayout;
    buttons->setContentsMargins(6, 0, 6, 0);
    buttons->addWidget(m_override);
    buttons->addWidget(m_collect);
    buttons->addStretch(1);
    topLayout->addLayout(buttons);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(top);
    splitter->addWidget(m_tabs);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    splitter->setChildrenCollapsible(false);
    splitter->setSizes({170, 250}); // scaled to the panel
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);

    connect(m_evidence, &QTableView::clicked, this,
            [this](const QModelIndex &index) { activateRow(index); });
    connect(m_evidence, &QTableView::activated, this,
            [this](const QModelIndex &index) { activateRow(index); });
    connect(m_override, &QPushButton::clicked, this, &StepDetails::overrideRequested);
    connect(m_collect, &QPushButton::clicked, this, &StepDetails::collectRequested);
    connect(m_addNote, &QPushButton::clicked, this, &StepDetails::submitNote);
    connect(m_noteEdit, &QLineEdit::returnPressed, this, &StepDetails::submitNote);
    connect(m_noteEdit, &QLineEdit::textChanged, this, &StepDetails::updateButtons);
    clear();
}

void StepDetails::setViewState(ViewState *state)
{
    if (!state) return;
    m_state = state;
    m_evidenceModel->setViewState(state);
}

void StepDetails::showStep(const Content &content)
{
    const Step &step = *content.step;
    const QString id = fromStd(step.id);
    m_writable = content.writable;
    m_title->setText(fromStd(step.title));
    m_why->setText(tr("Why it matters: %1").arg(fromStd(step.why)));
    m_summary->setText(content.result ? fromStd(content.result->summary) : tr("Not checked yet."));
    m_why->show();
    m_summary->show();

    const bool overridden = content.result && content.result->override;
    if (overridden) {
        const Override &entry = *content.result->override;
        m_overrideInfo->setText(
            tr("<b>Set to %1 by hand</b> by %2, %3: %4")
                .arg(fromStd(verdictName(entry.verdict)), escaped(entry.author),
                     m_state->formatTime(entry.decidedAt, 0), escaped(entry.justification)) +
            (content.checked
                 ? tr(" (the check said %1)").arg(fromStd(verdictName(content.result->autoVerdict)))
                 : QString()));
    }
    m_overrideInfo->setVisible(overridden);

    const bool missing = content.result && !content.result->missing.empty();
    if (missing) {
        QString list = tr("<b>Missing data:</b>") + QStringLiteral("<ul style=\"margin: 0\">");
        for (const auto &hint : content.result->missing)
            list += QStringLiteral("<li>") + escaped(hint) + QStringLiteral("</li>");
        m_missing->setText(list + QStringLiteral("</ul>"));
    }
    m_missing->setVisible(missing);
    m_collect->setVisible(missing);

    // New rows only when they changed: a note must not lose the user's place.
    if (id != m_stepId || content.checkedAt != m_checkedAt) {
        m_evidenceModel->setEvidence(content.result ? content.result->evidence
                                                    : std::vector<Evidence>{},
                                     content.result ? content.result->evidenceRows : 0);
        m_evidence->resizeColumnsToContents();
        const int textWidth = m_evidence->fontMetrics().averageCharWidth() * 60;
        m_evidence->setColumnWidth(
            EvidenceModel::Text, std::min(m_evidence->columnWidth(EvidenceModel::Text), textWidth));
    }
    const qint64 shown = m_evidenceModel->rowCount(), total = m_evidenceModel->totalRows();
    m_tabs->setTabText(0, tr("Evidence (%1)").arg(QLocale().toString(total)));
    if (shown < total)
        m_evidenceNote->setText(tr("The first %1 of %2 rows are shown; the query in the "
                                   "playbook returns them all.")
                                    .arg(QLocale().toString(shown), QLocale().toString(total)));
    else if (content.result && !content.result->error.empty())
        m_evidenceNote->setText(
            tr("The check could not run: %1").arg(fromStd(content.result->error)));
    m_evidenceNote->setVisible(shown < total || (content.result && !content.result->error.empty()));
    m_stepId = id;
    m_checkedAt = content.checkedAt;
    showNotes(content);
    updateButtons();
}

void StepDetails::showNotes(const Content &content)
{
    // Notes and overrides in the order they were written: the step's story.
    struct Entry
    {
        std::int64_t at;
        QString html;
    };
    std::vector<Entry> entries;
    for (const StepNote &note : content.notes)
        entries.push_back(
            {note.createdAt, tr("<p><b>%1</b> · %2<br>%3</p>")
                                 .arg(escaped(note.author), m_state->formatTime(note.createdAt, 0),
                                      escaped(note.text))});
    for (const Override &entry : content.overrides) {
        const QString what =
            entry.handsBack
                ? tr("handed the step back to its check")
                : tr("set the verdict to <b>%1</b>").arg(fromStd(verdictName(entry.verdict)));
        entries.push_back({entry.decidedAt, tr("<p><b>%1</b> %2 · %3<br>%4</p>")
                                                .arg(escaped(entry.author), what,
                                                     m_state->formatTime(entry.decidedAt, 0),
                                                     escaped(entry.justification))});
    }
    std::stable_sort(entries.begin(), entries.end(),
                     [](const Entry &a, const Entry &b) { return a.at < b.at; });
    QString html;
    for (const Entry &entry : entries)
        html += entry.html;
    if (html.isEmpty()) html = tr("<p><i>No notes on this step yet.</i></p>");
    m_notes->setHtml(html);
    // Overrides are counted too: their justification is a note on the step.
    m_tabs->setTabText(1, tr("Notes (%1)").arg(entries.size()));
}

void StepDetails::clear(const QString &message)
{
    m_stepId.clear();
    m_checkedAt = -1;
    m_writable = false;
    m_title->setText(message.isEmpty() ? tr("Select a step to see its evidence.") : message);
    for (QLabel *label : {m_why, m_summary, m_overrideInfo, m_missing})
        label->hide();
    m_collect->hide();
    m_evidenceModel->setEvidence({}, 0);
    m_evidenceNote->hide();
    m_notes->clear();
    m_tabs->setTabText(0, tr("Evidence"));
    m_tabs->setTabText(1, tr("Notes"));
    updateButtons();
}

void StepDetails::setBusy(bool busy)
{
    m_busy = busy;
    updateButtons();
}

QString StepDetails::summaryText() const
{
    return m_summary->text();
}

QString StepDetails::missingText() const
{
    return m_missing->isVisibleTo(this) ? m_missing->text() : QString();
}

void StepDetails::activateRow(const QModelIndex &index)
{
    const int row = m_evidenceOrder->mapToSource(index).row();
    if (const auto range = m_evidenceModel->rangeAt(row))
        Q_EMIT evidenceActivated(range->from, range->to);
}

void StepDetails::submitNote()
{
    const QString text = m_noteEdit->text().trimmed();
    if (text.isEmpty() || !m_addNote->isEnabled()) return;
    m_noteEdit->clear();
    Q_EMIT noteSubmitted(text);
}

void StepDetails::updateButtons()
{
    const bool step = !m_stepId.isEmpty();
    const bool canWrite = step && m_writable && !m_busy;
    m_override->setVisible(step);
    m_override->setEnabled(canWrite);
    m_collect->setEnabled(step);
    m_noteEdit->setEnabled(step && m_writable);
    m_addNote->setEnabled(canWrite && !m_noteEdit->text().trimmed().isEmpty());
    const QString readOnly = tr("The case is read-only");
    m_override->setToolTip(m_writable ? tr("Set this step's verdict by hand, with a "
                                           "justification stored with your name")
                                      : readOnly);
}

} // namespace perfcase
