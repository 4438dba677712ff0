#pragma once
// Rows and generated inputs of tst_db (DbCases.cpp).

#include <QByteArray>
#include <QString>

struct DbInput
{
    QString path;
    qlonglong byte = -1;    // offset of the line a row is about
    qlonglong line = -1;    // its number
    qlonglong records = -1; // records when the recipe computes them
};

QByteArray pgssHeader();
QByteArray pgssRow(int n, const QByteArray &query = {}, const QByteArray &calls = "4");
void addExplainLineRows();
void addDbBadInputRows();
DbInput makeDbInput(const QString &recipe, const QString &dir);
