#pragma once

#include <QList>
#include <QString>

namespace perfcase {

// Starting points offered by the console's Examples menu: each reads only
// public views, and those with a `ts` column can become a timeline lane.
class ExampleQueries
{
public:
    struct Example
    {
        QString title;
        QString sql;
    };

    static QList<Example> all();
};

} // namespace perfcase
