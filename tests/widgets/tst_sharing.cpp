// File > Export for Sharing… (ShareExporter with its review dialog): the
// redacted copy is written beside the chosen file, the dialog shows what
// each rule replaced and how the texts now read, Save puts the copy in
// place and Discard leaves neither the copy nor its marker map behind.
// Also File > Merge Teammate's Case… and a corrupt file from elsewhere:
// the window keeps the last good state and says what failed.
#include "CaseFile.h"
#include "GrabIfAsked.h"
#include "ImportProgressWidget.h"
#include "KnownCases.h"
#include "LogExplorerModel.h"
#include "MainWindow.h"
#include "PreferencesDialog.h"
#include "ShareExporter.h"
#include "ShareReviewDialog.h"
#include "TeammateMerger.h"
#include "UserIdentity.h"
#include "ViewState.h"
#include "import/FileImporter.h"
#include "import/ImporterRegistry.h"
#include "share/CaseExporter.h"
#include "timeline/AnnotationStore.h"

#include <QAction>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QMessageBox>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>
#include <pwd.h>
#include <unistd.h>

using namespace perfcase;
using perfcase::testing::grabIfAsked;

class TestSharing : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("perfcase-tests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_sharing"));
        QVERIFY(m_dir.isValid());
        m_case = m_dir.filePath(QStringLiteral("case.perfcase"));
        auto file = CaseFile::create(m_case.toStdString(), "sharing", "tester");
        const QString log = m_dir.filePath(QStringLiteral("app.log"));
        QFile out(log);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write("2026-11-20T10:00:00Z ERROR db login failed password=correct-horse-battery\n"
                  "2026-11-20T10:00:01Z INFO all good\n");
        out.close();
        const ImporterRegistry importers;
        CancelToken token;
        const ImportOutcome outcome =
            FileImporter(*file, importers).import(log.toStdString(), "app.log", {}, token);
        QVERIFY2(outcome.status == ImportOutcome::Status::Imported, outcome.error.c_str());
    }

    void reviewThenSave_data()
    {
        QTest::addColumn<bool>("save");
        QTest::newRow("save") << true;
        QTest::newRow("discard") << false;
    }

    void reviewThenSave()
    {
        QFETCH(bool, save);
        QWidget window;
        ShareExporter sharer(&window);
        sharer.setCase(m_case);
        QVERIFY(sharer.action()->isEnabled());
        const QString out =
            m_dir.filePath(save ? QStringLiteral("saved.perfcase") : QStringLiteral("no.perfcase"));
        QSignalSpy finished(&sharer, &ShareExporter::finished);
        sharer.exportTo(m_case, out);
        QVERIFY(sharer.isBusy());
        QTRY_VERIFY_WITH_TIMEOUT(sharer.reviewDialog(), 20000);
        ShareReviewDialog *review = sharer.reviewDialog();
        // Nothing in place before the user says so.
        QVERIFY(!QFile::exists(out));
        QVERIFY(QFile::exists(out + QStringLiteral(".review")));
        QCOMPARE(review->rulesView()->topLevelItemCount(), 1);
        QCOMPARE(review->rulesView()->topLevelItem(0)->text(0), QStringLiteral("password"));
        // The message and its template held it.
        QCOMPARE(review->rulesView()->topLevelItem(0)->text(1), QStringLiteral("2"));
        QVERIFY(review->samplesView()->topLevelItemCount() >= 1);
        // The map on this machine names the file the user chose.
        QVERIFY(!sharer.mappingPath().isEmpty());
        QFile map(sharer.mappingPath());
        QVERIFY(map.open(QIODevice::ReadOnly));
        QCOMPARE(QJsonDocument::fromJson(map.readAll())
                     .object()
                     .value(QStringLiteral("exported_to"))
                     .toString(),
                 out);
        map.close();
        const QString sample = review->samplesView()->topLevelItem(0)->text(1);
        QVERIFY2(sample.contains(QStringLiteral("password=\u27E6REDACTED:password\u27E7")),
                 qPrintable(sample));
        QVERIFY(!sample.contains(QStringLiteral("correct-horse")));
        if (save)
            review->accept();
        else
            review->reject();
        QTRY_COMPARE(finished.count(), 1);
        QCOMPARE(finished.first().at(1).toString(), QString());
        QCOMPARE(finished.first().at(2).toBool(), !save);
        QVERIFY(!sharer.isBusy());
        QVERIFY(!QFile::exists(out + QStringLiteral(".review")));
        QCOMPARE(QFile::exists(out), save);
        QCOMPARE(QFile::exists(map.fileName()), save); // a discarded copy leaves no map
        if (save) {
            QFile file(out);
            QVERIFY(file.open(QIODevice::ReadOnly));
            QVERIFY(!file.readAll().contains("correct-horse-battery"));
            auto shared = CaseFile::open(out.toStdString(), CaseFile::Access::ReadOnly);
            QCOMPARE(shared->db().scalarInt("SELECT count(*) FROM logs"), 2);
        }
    }

    // File > Merge Teammate's Case…: their sources show up; a file that is
    // refused leaves the window on the case as it was, and says why.
    void mergeInTheWindow_data()
    {
        QTest::addColumn<bool>("hostile");
        QTest::newRow("teammate's case") << false;
        QTest::newRow("hostile file") << true;
    }
    void mergeInTheWindow()
    {
        QFETCH(bool, hostile);
        const QString tag = QString::fromLatin1(QTest::currentDataTag())
                                .replace(QLatin1Char(' '), QLatin1Char('-'));
        const QString ours = m_dir.filePath(tag + QStringLiteral("-ours.perfcase"));
        const QString theirs = m_dir.filePath(tag + QStringLiteral("-theirs.perfcase"));
        QVERIFY(QFile::copy(m_case, ours));
        CaseExporter::run(m_case.toStdString(), theirs.toStdString(), {});
        {
            auto file = CaseFile::open(theirs.toStdString(), CaseFile::Access::ReadWrite);
            importLog(*file, m_dir.filePath(tag + QStringLiteral("-worker.log")),
                      "2026-11-20T10:00:02Z WARN queue depth 900\n"
                      "2026-11-20T10:00:03Z INFO drained\n");
        }
        if (hostile) {
            Database raw(theirs.toStdString(), Database::Mode::ReadWrite);
            raw.exec("CREATE VIEW v_evil AS SELECT 1");
        }
        MainWindow window;
        window.show();
        window.openCase(ours);
        QCOMPARE(window.logModel()->rowCount(), 2);
        QVERIFY(window.merger()->action()->isEnabled());
        QSignalSpy merged(window.merger(), &TeammateMerger::merged);
        QSignalSpy failed(window.merger(), &TeammateMerger::failed);
        window.merger()->mergeFrom(theirs);
        QTRY_VERIFY_WITH_TIMEOUT(merged.count() + failed.count() == 1, 20000);
        auto box = [&window](const QString &title) -> QMessageBox * {
            for (auto *candidate : window.findChildren<QMessageBox *>())
                if (candidate->isVisible() && candidate->windowTitle() == title) return candidate;
            return nullptr;
        };
        QCOMPARE(window.casePath(), QFileInfo(ours).absoluteFilePath());
        if (hostile) {
            QCOMPARE(failed.count(), 1);
            QTRY_VERIFY(box(QStringLiteral("Merge Failed")));
            QVERIFY2(box(QStringLiteral("Merge Failed"))
                         ->informativeText()
                         .contains(QStringLiteral("v_evil")),
                     qPrintable(box(QStringLiteral("Merge Failed"))->informativeText()));
            QCOMPARE(window.logModel()->rowCount(), 2); // the last good state
            return;
        }
        QCOMPARE(merged.count(), 1);
        QTRY_VERIFY(box(QStringLiteral("Merged")));
        QVERIFY2(box(QStringLiteral("Merged"))
                     ->informativeText()
                     .contains(QStringLiteral("source added: %1-worker.log").arg(tag)),
                 qPrintable(box(QStringLiteral("Merged"))->informativeText()));
        QTRY_COMPARE_WITH_TIMEOUT(window.logModel()->rowCount(), 4, 10000);
        grabIfAsked(*box(QStringLiteral("Merged")), QStringLiteral("merged"));
    }

    // A corrupt file from elsewhere is refused on open (its integrity is
    // checked first); the case that was open stays, whole.
    void cancelWritesNothing()
    {
        // Export for Sharing and Merge show their progress in the status bar
        // with Cancel; a cancelled one leaves no file and no change behind.
        MainWindow window;
        window.show();
        const QString ours = m_dir.filePath(QStringLiteral("cancel-ours.perfcase"));
        const QString theirs = m_dir.filePath(QStringLiteral("cancel-theirs.perfcase"));
        QVERIFY(QFile::copy(m_case, ours));
        CaseExporter::run(m_case.toStdString(), theirs.toStdString(), {});
        {
            auto file = CaseFile::open(theirs.toStdString(), CaseFile::Access::ReadWrite);
            importLog(*file, m_dir.filePath(QStringLiteral("cancel-worker.log")),
                      "2026-11-20T10:00:02Z WARN queue depth 900\n");
        }
        window.openCase(ours);

        ShareExporter *sharer = window.sharer();
        const QString out = m_dir.filePath(QStringLiteral("cancelled-share.perfcase"));
        QSignalSpy exported(sharer, &ShareExporter::finished);
        sharer->exportTo(ours, out);
        QVERIFY(sharer->progressWidget()->isVisible());
        QCOMPARE(sharer->progressWidget()->window(), &window); // in the status bar
        sharer->cancel();
        QTRY_COMPARE_WITH_TIMEOUT(exported.count(), 1, 20000);
        QCOMPARE(exported.first().at(1).toString(), QString()); // not an error
        QVERIFY(exported.first().at(2).toBool());               // nothing kept
        QVERIFY(!sharer->reviewDialog());
        QVERIFY(!QFile::exists(out));
        QVERIFY(!QFile::exists(out + QStringLiteral(".review")));
        QVERIFY(!sharer->progressWidget()->isVisible());
        QVERIFY(!sharer->isBusy());

        TeammateMerger *merger = window.merger();
        QSignalSpy failed(merger, &TeammateMerger::failed);
        QSignalSpy merged(merger, &TeammateMerger::merged);
        merger->mergeFrom(theirs);
        QVERIFY(merger->progressWidget()->isVisible());
        merger->cancel();
        QTRY_VERIFY_WITH_TIMEOUT(failed.count() + merged.count() == 1, 20000);
        QCOMPARE(failed.count(), 1);
        QCOMPARE(failed.first().at(1).toString(), QStringLiteral("cancelled"));
        QVERIFY(!merger->progressWidget()->isVisible());
        QCOMPARE(window.logModel()->rowCount(), 2);
        auto file = CaseFile::open(ours.toStdString(), CaseFile::Access::ReadOnly);
        Statement sources = file->db().prepare("SELECT count(*) FROM sources");
        QVERIFY(sources.step());
        QCOMPARE(sources.int64(0), 1);
    }

    void corruptFileFromElsewhereKeepsTheOpenCase()
    {
        const QString corrupt = m_dir.filePath(QStringLiteral("from-elsewhere.perfcase"));
        {
            auto file = CaseFile::create(corrupt.toStdString(), "elsewhere", "bob");
            importLog(*file, m_dir.filePath(QStringLiteral("many.log")),
                      QByteArray("2026-11-20T10:00:00Z INFO a line long enough to fill pages\n")
                          .repeated(20000));
            KnownCases::forget(file->meta("case_uuid"));
            file->checkpoint();
        }
        QFile bytes(corrupt);
        QVERIFY(bytes.open(QIODevice::ReadWrite));
        bytes.seek(bytes.size() - 16384); // the last page: an index, not the schema
        bytes.write(QByteArray(16384, '\xA5'));
        bytes.close();

        MainWindow window;
        window.show();
        window.openCase(m_case);
        window.openCase(corrupt);
        QCOMPARE(window.casePath(), QFileInfo(m_case).absoluteFilePath());
        QCOMPARE(window.logModel()->rowCount(), 2);
        QMessageBox *error = nullptr;
        for (auto *candidate : window.findChildren<QMessageBox *>())
            if (candidate->isVisible()) error = candidate;
        QVERIFY(error);
        QCOMPARE(error->windowTitle(), QStringLiteral("Cannot Open Case"));
        QVERIFY2(error->informativeText().contains(QStringLiteral("corrupt")),
                 qPrintable(error->informativeText()));
    }

    // Edit > Preferences…: the author on what the user writes; PERFCASE_AUTHOR
    // wins (scripts); an empty name means the OS user.
    void osUserWithoutEnvironment()
    {
        // Containers and CI often set neither USER nor LOGNAME: the name
        // comes from the user database, not "unknown".
        const QByteArray user = qgetenv("USER"), logname = qgetenv("LOGNAME");
        qunsetenv("USER");
        qunsetenv("LOGNAME");
        const std::string name = osUserName();
        qputenv("USER", user);
        qputenv("LOGNAME", logname);
        const passwd *entry = ::getpwuid(::geteuid());
        QVERIFY(entry);
        QCOMPARE(name, std::string(entry->pw_name));
        QVERIFY(name != "unknown");
    }

    void authorFromPreferences_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<QString>("environment");
        QTest::addColumn<QString>("expected"); // "" = the OS user
        QTest::newRow("name given")
            << QStringLiteral("  Ada Lovelace ") << QString() << QStringLiteral("Ada Lovelace");
        QTest::newRow("empty: the OS user") << QString() << QString() << QString();
        QTest::newRow("environment wins")
            << QStringLiteral("Ada") << QStringLiteral("ci-bot") << QStringLiteral("ci-bot");
    }
    void authorFromPreferences()
    {
        QFETCH(QString, typed);
        QFETCH(QString, environment);
        QFETCH(QString, expected);
        if (environment.isEmpty())
            qunsetenv("PERFCASE_AUTHOR");
        else
            qputenv("PERFCASE_AUTHOR", environment.toUtf8());
        ViewState view;
        {
            PreferencesDialog dialog(&view);
            QCOMPARE(dialog.authorEdit()->placeholderText(), QString::fromStdString(osUserName()));
            dialog.authorEdit()->clear();
            QTest::keyClicks(dialog.authorEdit(), typed);
            grabIfAsked(dialog, QStringLiteral("preferences"));
            dialog.accept();
        }
        QCOMPARE(QString::fromStdString(configuredUserName()), typed.trimmed());
        PreferencesDialog reopened(&view); // shows what was saved
        QCOMPARE(reopened.authorEdit()->text(), typed.trimmed());
        const QString author = expected.isEmpty() ? QString::fromStdString(osUserName()) : expected;
        QCOMPARE(QString::fromStdString(currentUserName()), author);
        // What the user writes carries it.
        auto file = CaseFile::open(m_case.toStdString(), CaseFile::Access::ReadWrite);
        QCOMPARE(AnnotationStore::add(file->db(), 5, std::nullopt, QStringLiteral("x")).author,
                 author);
        qunsetenv("PERFCASE_AUTHOR");
        setConfiguredUserName("");
    }

private:
    static void importLog(CaseFile &file, const QString &path, const QByteArray &lines)
    {
        QFile out(path);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(lines);
        out.close();
        const ImporterRegistry importers;
        CancelToken token;
        const ImportOutcome outcome =
            FileImporter(file, importers)
                .import(path.toStdString(), QFileInfo(path).fileName().toStdString(), {}, token);
        QVERIFY2(outcome.status == ImportOutcome::Status::Imported, outcome.error.c_str());
    }

    QTemporaryDir m_dir;
    QString m_case;
};

QTEST_MAIN(TestSharing)
#include "tst_sharing.moc"
