// JsonStreamer: the boundaries of elements and members, in any chunking,
// on truncated, deep, odd and broken input.
#include "io/InputStream.h"

#include "json/JsonStreamer.h"
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace perfcase;

namespace {

struct Collected
{
    QStringList elements; // "path=json"
    QStringList members;
    JsonStreamer::Result result;
};

Collected stream(const QByteArray &json, const QStringList &paths, std::size_t chunk,
                 std::size_t maxElement = 1 << 20)
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("doc.json"));
    QFile out(file);
    out.open(QIODevice::WriteOnly);
    out.write(json);
    out.close();
    JsonStreamer::Options options;
    for (const QString &path : paths)
        options.arrayPaths.push_back(path.toStdString());
    options.chunkBytes = chunk;
    options.maxElementBytes = maxElement;
    JsonStreamer streamer(options);
    Collected collected;
    JsonStreamer::Callbacks callbacks;
    callbacks.element = [&](std::string_view path, std::string_view text, std::int64_t offset) {
        // The offset points at the element's first byte.
        QCOMPARE(json.mid(offset, qsizetype(text.size())),
                 QByteArray(text.data(), qsizetype(text.size())));
        collected.elements << QString::fromUtf8(path.data(), qsizetype(path.size())) +
                                  QLatin1Char('=') +
                                  QString::fromUtf8(text.data(), qsizetype(text.size()));
    };
    callbacks.member = [&](std::string_view path, std::string_view text) {
        collected.members << QString::fromUtf8(path.data(), qsizetype(path.size())) +
                                 QLatin1Char('=') +
                                 QString::fromUtf8(text.data(), qsizetype(text.size()));
    };
    auto input = InputStream::open(file.toStdString());
    CancelToken token;
    collected.result = streamer.run(*input, callbacks, token);
    return collected;
}

} // namespace

// The data rows live in their own file: moc cannot read raw string literals.
void addSplitRows();

class TestJsonStreamer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void splits_data() { addSplitRows(); }
    void splits()
    {
        QFETCH(QByteArray, json);
        QFETCH(QStringList, paths);
        QFETCH(QStringList, elements);
        QFETCH(QStringList, members);
        QFETCH(bool, truncated);
        QFETCH(QString, error);
        // Whatever the chunking, the same parts come out.
        for (std::size_t chunk : {std::size_t(1), std::size_t(2), std::size_t(3), std::size_t(7),
                                  std::size_t(64), std::size_t(1) << 20}) {
            Collected got = stream(json, paths, chunk);
            QCOMPARE(got.elements, elements);
            QCOMPARE(got.members, members);
            QCOMPARE(got.result.truncated, truncated);
            QVERIFY2(QString::fromStdString(got.result.error).contains(error),
                     got.result.error.c_str());
            QCOMPARE(got.result.error.empty(), error.isEmpty());
            QCOMPARE(got.result.elements, qint64(elements.size()));
        }
    }

    void skipsOversizedElements()
    {
        QByteArray big = "[{\"a\":\"" + QByteArray(5000, 'x') + "\"},{\"b\":1}]";
        Collected got = stream(big, {QString()}, 64, 1000);
        QCOMPARE(got.elements, QStringList{QStringLiteral(R"(={"b":1})")});
        QCOMPARE(got.result.skippedElements, qint64(1));
    }

    void cancels()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("doc.json"));
        QFile out(file);
        out.open(QIODevice::WriteOnly);
        out.write("[1,2,3]");
        out.close();
        JsonStreamer streamer({{""}});
        auto input = InputStream::open(file.toStdString());
        CancelToken token;
        token.cancel();
        QVERIFY_THROWS_EXCEPTION(Cancelled, streamer.run(*input, {}, token));
    }
};

QTEST_GUILESS_MAIN(TestJsonStreamer)
#include "tst_jsonstreamer.moc"
