#include "UserIdentity.h"

#include <QByteArray>

namespace perfcase {

std::string currentUserName()
{
    for (const char *variable : {"USER", "LOGNAME"}) {
        const QByteArray user = qgetenv(variable);
        if (!user.isEmpty()) return user.toStdString();
    }
    return "unknown";
}

} // namespace perfcase
