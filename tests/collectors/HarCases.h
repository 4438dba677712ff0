#pragma once
// Inputs and data rows of tst_har, kept apart from the Q_OBJECT file.

#include <QByteArray>
#include <QList>
#include <QString>

namespace perfcase::testing {

// One synthetic entry: GET https://h<i>.test/p<i>, started 2024-01-01T00:00:<i>Z, time 1 ms.
QByteArray harEntry(int i);
// {"log":{"version":"1.2","creator":{...},"entries":[e0,e1,...]}}
QByteArray harDocument(const QList<QByteArray> &entries);
// Where each entry of a harDocument starts.
QList<qsizetype> entryOffsets(const QList<QByteArray> &entries);

// Rows for TestHar::corpusFiles: every corpus HAR, counted by har_counts.py.
void addCorpusRows();
// Rows for TestHar::badInput: path-less recipes, see HarCases.cpp.
void addBadInputRows();
// The 8 hex of a ⟦REDACTED:rule:xxxxxxxx⟧ marker in text, or "" if none.
QString hashIn(const QString &text, const QString &rule);
// Rows for TestHar::detection: corpus HARs under another name, and lookalikes.
void addDetectionRows();
// The secrets planted in tests/fixtures/har/socketio_secrets.har.
QList<const char *> fixtureSecrets();
// Rows for TestHar::socketIoPacket.
void addSocketIoRows();

} // namespace perfcase::testing
