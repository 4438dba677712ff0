#include "LogPatternsView.h"

#include "LogPatternsModel.h"
#include "ViewState.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

namespace perfcase {

LogPatternsView::LogPatternsView(QWidget *parent)
    : QWidget(parent), m_model(new LogPatternsModel(this)), m_table(new QTableView(this)),
      m_title(new QLabel(this)), m_baseline(new QComboBox(this))
{
    m_baseline->addItem(tr("vs. the same length before"));
    m_baseline->addItem(tr("vs. everything before"));
    auto *bar = new QHBoxLayout;
    bar->addWidget(m_title, 1);
    bar->addWidget(m_baseline);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_table);

    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_table->setToolTip(tr("Double-click a template to show its records"));

    connect(m_table, &QTableView::doubleClicked, this, [this](const QModelIndex &index) {
        if (index.isValid())
            Q_EMIT templateActivated(m_model->templateId(index.row()),
                                     m_model->pattern(index.row()));
    });
    connect(m_baseline, &QComboBox::currentIndexChanged, this, &LogPatternsView::applyWindow);
    connect(m_model, &LogPatternsModel::errorOccurred, this, &LogPatternsView::errorOccurred);
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        m_title->setText(m_model->hasWindow()
                             ? tr("%n template(s) in the selection, most surging first", nullptr,
                                  m_model->rowCount())
                             : tr("%n template(s)", nullptr, m_model->rowCount()));
    });
    m_baseline->setEnabled(false);
}

void LogPatternsView::setCase(const QString &path)
{
    m_model->setCase(path);
    applyWindow();
}

void LogPatternsView::refresh()
{
    m_model->refresh();
    applyWindow();
}

void LogPatternsView::setViewState(ViewState *state)
{
    m_state = state;
    if (state) connect(state, &ViewState::selectionChanged, this, &LogPatternsView::applyWindow);
    applyWindow();
}

void LogPatternsView::applyWindow()
{
    const auto selection = m_state ? m_state->selection() : std::nullopt;
    m_baseline->setEnabled(selection.has_value());
    if (selection)
        m_model->setWindow(std::pair<qint64, qint64>(selection->from, selection->to),
                           m_baseline->currentIndex() == 1
                               ? LogTemplateSurge::Baseline::AllBefore
                               : LogTemplateSurge::Baseline::SameLength);
    else if (m_model->hasWindow())
        m_model->setWindow(std::nullopt);
}

} // namespace perfcase
