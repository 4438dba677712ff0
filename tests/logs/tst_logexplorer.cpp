// The log explorer widget under the offscreen platform: search and Enter,
// highlighting, F3 / Shift+F3, level filter, the timeline selection as a
// filter, clicks moving the shared cursor and the cursor scrolling the table,
// templates filtering the table.
#include "CaseFile.h"
#include "LogCaseBuilder.h"
#include "LogExplorer.h"
#include "LogExplorerModel.h"
#include "LogHighlightDelegate.h"
#include "LogPatternsModel.h"
#include "LogPatternsView.h"
#include "ViewState.h"

#include <QLineEdit>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace perfcase;
using namespace perfcase::test;

class TestLogExplorer : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_path;
    std::int64_t m_total = 0;

    std::int64_t count(const std::string &where)
    {
        auto file = CaseFile::open(m_path.toStdString(), CaseFile::Access::ReadOnly);
        return file->db().scalarInt("SELECT count(*) FROM v_logs WHERE " + where);
    }

    void waitComplete(LogExplorer &explorer)
    {
        QTRY_VERIFY_WITH_TIMEOUT(explorer.model()->isComplete(), 5000);
    }

private Q_SLOTS:
    void initTestCase()
    {
        std::vector<TestSource> sources(2);
        for (int s = 0; s < 2; ++s) {
            sources[std::size_t(s)].name = s ? "worker.log" : "api.log";
            sources[std::size_t(s)].clockOffsetNs = s ? 250 : 0;
            sources[std::size_t(s)].tracks = 1;
            sources[std::size_t(s)].patterns = {"request <*> ok", "found the needle <*>"};
            for (int i = 0; i < 3000; ++i) {
                TestLog log;
                log.ts = 1'700'000'000'000'000'000 + std::int64_t(i) * 1000 + s * 7;
                log.level = i % 10 == 0 ? 5 : 2;
                log.templateKey = i % 150 == 0 ? 1 : 0;
                log.message = i % 150 == 0 ? "found the needle " + std::to_string(i)
                                           : "request " + std::to_string(i) + " ok";
                sources[std::size_t(s)].logs.push_back(log);
            }
        }
        m_path = m_dir.filePath(QStringLiteral("explorer.perfcase"));
        buildCase(m_path.toStdString(), sources);
        m_total = count("1");
    }

    void unfilteredIsExact()
    {
        LogExplorer explorer;
        explorer.setCase(m_path);
        QCOMPARE(explorer.model()->rowCount(), int(m_total));
        QVERIFY(explorer.model()->isExact());
        // Time order across sources: non-decreasing everywhere.
        for (int row = 1; row < explorer.model()->rowCount(); row += 97)
            QVERIFY(explorer.model()->timeAt(row - 1) <= explorer.model()->timeAt(row));
        QVERIFY(explorer.model()
                    ->headerData(0, Qt::Horizontal)
                    .toString()
                    .contains(QStringLiteral("UTC")));
    }

    // The Pod / container column only when a log names its pod (kubectl
    // logs): plain files leave the width to the messages.
    void podColumnOnlyWithPods_data()
    {
        QTest::addColumn<int>("tracks"); // the second track of a source has a pod
        QTest::addColumn<bool>("shown");
        QTest::newRow("no pod") << 1 << false;
        QTest::newRow("a pod") << 2 << true;
    }
    void podColumnOnlyWithPods()
    {
        QFETCH(int, tracks);
        QFETCH(bool, shown);
        TestSource source;
        source.name = "api.log";
        source.tracks = tracks;
        for (int i = 0; i < 10; ++i) {
            TestLog log;
            log.ts = 1'700'000'000'000'000'000 + i;
            log.track = i % tracks;
            log.message = "line " + std::to_string(i);
            source.logs.push_back(log);
        }
        const QString path = m_dir.filePath(QStringLiteral("pods%1.perfcase").arg(tracks));
        buildCase(path.toStdString(), {source});
        LogExplorer explorer;
        explorer.setCase(path);
        QCOMPARE(!explorer.table()->isColumnHidden(LogExplorerModel::Pod), shown);
        explorer.setCase(m_path); // the next case decides again
        QVERIFY(explorer.table()->isColumnHidden(LogExplorerModel::Pod));
    }

    void searchFiltersAndHighlights_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<QString>("term");
        QTest::newRow("word") << QStringLiteral("needle") << QStringLiteral("needle");
        QTest::newRow("two words") << QStringLiteral("the needle") << QStringLiteral("the");
    }
    void searchFiltersAndHighlights()
    {
        QFETCH(QString, typed);
        QFETCH(QString, term);
        LogExplorer explorer;
        ViewState state;
        explorer.setViewState(&state);
        explorer.setCase(m_path);
        explorer.show();
        QTest::keyClicks(explorer.searchField(), typed);
        QTest::keyClick(explorer.searchField(), Qt::Key_Return);
        waitComplete(explorer);
        LogExplorerModel *model = explorer.model();
        QCOMPARE(model->rowCount(), int(count("message LIKE '%needle%'")));
        auto *delegate = qobject_cast<LogHighlightDelegate *>(
            explorer.table()->itemDelegateForColumn(LogExplorerModel::Message));
        QVERIFY(delegate);
        QVERIFY(delegate->terms().contains(term));
        for (int row = 0; row < model->rowCount(); ++row) {
            const QString message = model->index(row, LogExplorerModel::Message).data().toString();
            QVERIFY(message.contains(QStringLiteral("needle")));
            QVERIFY(!LogHighlightDelegate::highlightRanges(message, delegate->terms()).isEmpty());
        }
        QVERIFY(explorer.statusText().contains(QStringLiteral("matches")));

        // F3 steps to the next match, Shift+F3 back; the cursor follows.
        // Shortcuts need an active window.
        explorer.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&explorer));
        explorer.table()->setFocus();
        // Focus may select the first row already; F3 moves on from the current one.
        const int start = explorer.table()->currentIndex().row();
        QTest::keyClick(explorer.table(), Qt::Key_F3);
        QCOMPARE(explorer.table()->currentIndex().row(), start + 1);
        QTest::keyClick(explorer.table(), Qt::Key_F3);
        QCOMPARE(explorer.table()->currentIndex().row(), start + 2);
        QCOMPARE(state.cursor().value_or(0), model->timeAt(start + 2));
        QTest::keyClick(explorer.table(), Qt::Key_F3, Qt::ShiftModifier);
        QCOMPARE(explorer.table()->currentIndex().row(), start + 1);
        // F3 works from the search field too (the shortcut is the explorer's).
        QTest::keyClick(explorer.searchField(), Qt::Key_F3);
        QCOMPARE(explorer.table()->currentIndex().row(), start + 2);
    }

    void invalidSearchShowsError()
    {
        LogExplorer explorer;
        explorer.setCase(m_path);
        QSignalSpy errors(&explorer, &LogExplorer::errorOccurred);
        explorer.searchField()->setText(QStringLiteral("sql:\"unterminated"));
        QTest::keyClick(explorer.searchField(), Qt::Key_Return);
        QCOMPARE(errors.count(), 1);
        QVERIFY(explorer.statusText().startsWith(QStringLiteral("Search failed")));
        QCOMPARE(explorer.model()->rowCount(), 0);
        explorer.clearFilters();
        QCOMPARE(explorer.model()->rowCount(), int(m_total));
    }

    void levelFilter()
    {
        LogExplorer explorer;
        explorer.setCase(m_path);
        explorer.setLevelFilter({5});
        waitComplete(explorer);
        QCOMPARE(explorer.model()->rowCount(), int(count("level_num = 5")));
        for (int row = 0; row < explorer.model()->rowCount(); row += 13)
            QCOMPARE(explorer.model()->index(row, 0).data(LogExplorerModel::LevelRole).toInt(), 5);
    }

    void selectionFilters()
    {
        LogExplorer explorer;
        ViewState state;
        explorer.setViewState(&state);
        explorer.setCase(m_path);
        const qint64 from = 1'700'000'000'000'500'000, to = 1'700'000'000'001'200'000;
        state.setSelection(ViewState::Range{from, to});
        QCOMPARE(explorer.model()->rowCount(),
                 int(count("ts BETWEEN " + std::to_string(from) + " AND " + std::to_string(to))));
        QVERIFY(explorer.model()->isExact());
        QCOMPARE(explorer.model()->timeAt(0) >= from, true);
        QVERIFY(explorer.model()->timeAt(explorer.model()->rowCount() - 1) <= to);
        // The chip clears the time filter.
        auto chips = explorer.findChildren<QToolButton *>();
        QToolButton *rangeChip = nullptr;
        for (QToolButton *chip : chips)
            if (chip->text().contains(QStringLiteral("✕")) && !chip->isHidden()) rangeChip = chip;
        QVERIFY(rangeChip);
        // It says how long the selection is (the timeline shows where); the
        // exact times are its tooltip, and the search field keeps its room.
        QCOMPARE(rangeChip->text(), QStringLiteral("Selection 700 µs ✕"));
        QVERIFY2(rangeChip->toolTip().contains(state.formatTime(from, 6)),
                 qPrintable(rangeChip->toolTip()));
        QLineEdit *search = explorer.findChild<QLineEdit *>();
        QVERIFY(search);
        QVERIFY(search->minimumWidth() >
                search->fontMetrics().horizontalAdvance(search->placeholderText()));
        rangeChip->click();
        QCOMPARE(explorer.model()->rowCount(), int(m_total));
    }

    void clickSetsCursorAndCursorScrolls()
    {
        LogExplorer explorer;
        ViewState state;
        explorer.setViewState(&state);
        explorer.setCase(m_path);
        explorer.resize(900, 400);
        explorer.show();
        QVERIFY(QTest::qWaitForWindowExposed(&explorer));
        QTableView *table = explorer.table();
        const QModelIndex third = explorer.model()->index(2, LogExplorerModel::Message);
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, table->visualRect(third).center());
        QCOMPARE(state.cursor().value_or(0), explorer.model()->timeAt(2));

        const qint64 target = explorer.model()->timeAt(4321) + 3;
        state.setCursor(target);
        const int row = table->currentIndex().row();
        QVERIFY(std::llabs(explorer.model()->timeAt(row) - target) <= 3);
    }

    void templateFilter()
    {
        LogExplorer explorer;
        explorer.setCase(m_path);
        LogPatternsModel *patterns = explorer.patternsView()->model();
        QTRY_COMPARE(patterns->rowCount(), 4); // counted on a pool thread
        int needleRow = -1;
        for (int row = 0; row < patterns->rowCount(); ++row)
            if (patterns->pattern(row).contains(QStringLiteral("needle"))) needleRow = row;
        QVERIFY(needleRow >= 0);
        const qint64 id = patterns->templateId(needleRow);
        Q_EMIT explorer.patternsView()->templateActivated(id, patterns->pattern(needleRow));
        waitComplete(explorer);
        QCOMPARE(explorer.model()->rowCount(), int(count("template_id = " + std::to_string(id))));
        for (int row = 0; row < explorer.model()->rowCount(); ++row)
            QCOMPARE(
                explorer.model()->index(row, 0).data(LogExplorerModel::TemplateRole).toLongLong(),
                id);
    }
};

QTEST_MAIN(TestLogExplorer)
#include "tst_logexplorer.moc"
