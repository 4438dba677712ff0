// File > Export for Sharing… (ShareExporter with its review dialog): the
// redacted copy is written beside the chosen file, the dialog shows what
// each rule replaced and how the texts now read, Save puts the copy in
// place and Discard leaves neither the copy nor its marker map behind.
#include "CaseFile.h"
#include "ShareExporter.h"
#include "ShareReviewDialog.h"
#include "import/FileImporter.h"
#include "import/ImporterRegistry.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace perfcase;

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
            FileImporter(*file, importers).import(log.toStdString(), "", {}, token);
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

private:
    QTemporaryDir m_dir;
    QString m_case;
};

QTEST_MAIN(TestSharing)
#include "tst_sharing.moc"
