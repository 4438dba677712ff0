#include "SqlConsole.h"

#include "ExampleQueries.h"
#include "FittedTableView.h"
#include "QueryResultModel.h"
#include "SqlEditor.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSplitter>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>
#include <utility>

namespace perfcase {

SqlConsole::SqlConsole(QWidget *parent)
    : QWidget(parent), m_editor(new SqlEditor(this)), m_examples(new QComboBox(this)),
      m_run(new QPushButton(tr("Run"), this)), m_cancel(new QPushButton(tr("Cancel"), this)),
      m_track(new QPushButton(tr("Show as track"), this)), m_message(new QLabel(this)),
      m_model(new QueryResultModel(this)), m_table(new FittedTableView(this))
{
    m_examples->addItem(tr("Examples…"));
    for (const ExampleQueries::Example &example : ExampleQueries::all())
        m_examples->addItem(example.title, example.sql);
    m_examples->setToolTip(tr("Replace the editor's text with an example query"));
    m_run->setToolTip(tr("Run the query (Ctrl+Return)"));
    m_cancel->setToolTip(tr("Stop the running query"));
    m_track->setToolTip(tr("Add the query to the timeline as a lane (it needs a ts column)"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_table->setModel(m_model);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_examples, 1);
    buttons->addWidget(m_run);
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_track);

    auto *results = new QWidget(this);
    auto *resultsLayout = new QVBoxLayout(results);
    resultsLayout->setContentsMargins(0, 0, 0, 0);
    resultsLayout->addWidget(m_message);
    resultsLayout->addWidget(m_table, 1);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_editor);
    splitter->addWidget(results);
    splitter->setStretchFactor(1, 3);
    // About five lines of SQL; the results take the rest (the editor's own
    // size hint would take most of a short dock).
    const int line = m_editor->fontMetrics().lineSpacing();
    splitter->setSizes({6 * line, 20 * line});

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(buttons);
    layout->addWidget(splitter, 1);

    connect(m_run, &QPushButton::clicked, this, &SqlConsole::run);
    connect(m_cancel, &QPushButton::clicked, this, &SqlConsole::cancel);
    connect(m_track, &QPushButton::clicked, this, &SqlConsole::requestTrack);
    connect(m_editor, &SqlEditor::runRequested, this, &SqlConsole::run);
    connect(m_examples, &QComboBox::activated, this, &SqlConsole::chooseExample);
    connect(&m_watcher, &QFutureWatcher<QueryExecutor::Result>::finished, this,
            &SqlConsole::onFinished);
    updateButtons();
}

SqlConsole::~SqlConsole()
{
    // The worker reads m_cancelFlag through its own shared copy and returns
    // at the next progress callback; waiting keeps it from outliving the
    // process's event loop.
    cancel();
    m_watcher.waitForFinished();
}

void SqlConsole::setCase(const QString &path)
{
    if (isRunning()) {
        cancel();
        m_watcher.waitForFinished();
        m_ignoreResult = true; // its finished() may still be queued
    }
    m_path = path;
    m_model->clear();
    m_resultSql.clear();
    m_lastFailed = false;
    setMessage(QString(), false);
    updateButtons();
}

QString SqlConsole::sql() const
{
    return m_editor->toPlainText();
}

void SqlConsole::setSql(const QString &sql)
{
    m_editor->setPlainText(sql);
}

void SqlConsole::run()
{
    const QString text = sql();
    if (isRunning() || m_path.isEmpty() || text.trimmed().isEmpty()) return;
    m_editor->addToHistory(text);
    m_runningSql = text;
    m_cancelFlag = std::make_shared<std::atomic<bool>>(false);
    m_ignoreResult = false; // setFuture() drops the old future's queued signals
    setMessage(tr("Running…"), false);
    // The lambda owns copies of everything the worker touches.
    auto flag = m_cancelFlag;
    const QString path = m_path;
    const QueryExecutor::Limits limits = m_limits;
    m_watcher.setFuture(QtConcurrent::run(
        [path, text, limits, flag] { return QueryExecutor::run(path, text, limits, *flag); }));
    updateButtons();
}

void SqlConsole::cancel()
{
    if (isRunning() && m_cancelFlag) m_cancelFlag->store(true);
}

bool SqlConsole::isRunning() const
{
    return m_watcher.isRunning();
}

QString SqlConsole::message() const
{
    return m_message->text();
}

void SqlConsole::onFinished()
{
    if (std::exchange(m_ignoreResult, false)) return; // the case changed meanwhile
    const QueryExecutor::Result result = m_watcher.result();
    m_lastFailed = !result.ok();
    if (!result.ok()) {
        // Keep the previous rows out of sight: they do not answer this SQL.
        m_model->clear();
        m_resultSql.clear();
        if (result.cancelled)
            setMessage(tr("Cancelled after %1 s.").arg(result.seconds, 0, 'f', 2), true);
        else
            setMessage(tr("Error: %1").arg(result.error), true);
    } else {
        m_model->setResult(result);
        m_resultSql = m_runningSql;
        const QLocale locale;
        const QString total = locale.toString(result.totalRows) +
                              (result.totalIsLowerBound ? QStringLiteral("+") : QString());
        const QString seconds = QString::number(result.seconds, 'f', 2);
        if (result.rows.size() < result.totalRows || result.totalIsLowerBound)
            setMessage(tr("First %1 of %2 rows, in %3 s.")
                           .arg(locale.toString(qint64(result.rows.size())), total, seconds),
                       false);
        else if (result.totalRows == 1)
            setMessage(tr("1 row in %1 s.").arg(seconds), false);
        else
            setMessage(tr("%1 rows in %2 s.").arg(total, seconds), false);
    }
    updateButtons();
    Q_EMIT queryFinished();
}

void SqlConsole::chooseExample(int index)
{
    if (index <= 0) return;
    setSql(m_examples->itemData(index).toString());
    m_examples->setCurrentIndex(0); // a prompt, not a state
    m_editor->setFocus();
}

void SqlConsole::requestTrack()
{
    if (m_resultSql.isEmpty() || !m_model->hasTsColumn()) return;
    Q_EMIT showAsTrack(titleForSql(m_resultSql), m_resultSql);
}

QString SqlConsole::titleForSql(const QString &sql) const
{
    for (const ExampleQueries::Example &example : ExampleQueries::all())
        if (example.sql == sql) return example.title;
    // The first comment line names a query well; else its first SQL line.
    const QStringList lines = sql.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    for (const QString &line : lines) {
        const QString trimmed = line.trimmed();
        if (trimmed.startsWith(QLatin1String("--"))) {
            const QString comment = trimmed.mid(2).trimmed();
            if (!comment.isEmpty()) return comment.left(60);
        }
    }
    QString first = sql.simplified();
    return first.size() > 60 ? first.left(59) + QChar(0x2026) : first;
}

void SqlConsole::setMessage(const QString &text, bool error)
{
    m_message->setText(text);
    m_message->setStyleSheet(error ? QStringLiteral("color: #c0392b; font-weight: bold;")
                                   : QString());
}

void SqlConsole::updateButtons()
{
    const bool running = isRunning();
    m_run->setEnabled(!running && !m_path.isEmpty());
    m_cancel->setEnabled(running);
    m_track->setEnabled(!running && !m_resultSql.isEmpty() && m_model->hasTsColumn());
    m_examples->setEnabled(!m_path.isEmpty());
}

} // namespace perfcase
