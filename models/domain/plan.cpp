// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "plan.h"

#include <sql/dialect.h>

#include <QRegularExpression>

namespace Tideline {

QString Release::statusName(Status status)
{
    switch (status) {
    case Status::Planned:
        return QStringLiteral("planned");
    case Status::Deployed:
        return QStringLiteral("deployed");
    case Status::Cancelled:
        return QStringLiteral("cancelled");
    }
    return {};
}

bool Release::statusFromName(const QString &name, Status *status)
{
    for (Status s : {Status::Planned, Status::Deployed, Status::Cancelled}) {
        if (statusName(s) == name) {
            *status = s;
            return true;
        }
    }
    return false;
}

bool Release::operator==(const Release &o) const
{
    return id == o.id && label == o.label && date == o.date && status == o.status
           && shippedRecorded == o.shippedRecorded && shipped == o.shipped && baselineSha256 == o.baselineSha256
           && baselineAlgorithm == o.baselineAlgorithm;
}

QString HistoryEntry::actionName(Action action)
{
    switch (action) {
    case Action::Deployed:
        return QStringLiteral("deployed");
    case Action::Reopened:
        return QStringLiteral("reopened");
    }
    return {};
}

bool HistoryEntry::actionFromName(const QString &name, Action *action)
{
    for (Action a : {Action::Deployed, Action::Reopened}) {
        if (actionName(a) == name) {
            *action = a;
            return true;
        }
    }
    return false;
}

HistoryEntry HistoryEntry::now(Action action, const QString &why)
{
    HistoryEntry entry;
    entry.action = action;
    entry.who = currentUser();
    const QDateTime now = QDateTime::currentDateTimeUtc();
    entry.when = now.addMSecs(-now.time().msec());
    entry.why = why;
    return entry;
}

QString HistoryEntry::currentUser()
{
    for (const char *variable : {"USER", "USERNAME", "LOGNAME"}) {
        const QString name = qEnvironmentVariable(variable);
        if (!name.isEmpty())
            return name;
    }
    return QStringLiteral("unknown");
}

bool Policy::isDuration(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("^[1-9][0-9]{0,8}(ms|s|min)$"));
    return re.match(text).hasMatch();
}

int Plan::releaseIndex(const QString &id) const
{
    for (int i = 0; i < releases.size(); ++i) {
        if (releases.at(i).id == id)
            return i;
    }
    return -1;
}

const Release *Plan::release(const QString &id) const
{
    const int i = releaseIndex(id);
    return i < 0 ? nullptr : &releases.at(i);
}

int Plan::refactoringIndex(const QString &id) const
{
    for (int i = 0; i < refactorings.size(); ++i) {
        if (refactorings.at(i).id == id)
            return i;
    }
    return -1;
}

bool Plan::operator==(const Plan &o) const
{
    return name == o.name && dialect == o.dialect && policy == o.policy && releases == o.releases
           && baseline == o.baseline && refactorings == o.refactorings && usage == o.usage
           && statements == o.statements && acknowledgements == o.acknowledgements
           && history == o.history;
}

QStringList Plan::dialects()
{
    return Dialect::names();
}

QString PlanError::toString() const
{
    QString text;
    if (!file.isEmpty())
        text += file + QStringLiteral(": ");
    if (!field.isEmpty())
        text += field + QStringLiteral(": ");
    return text + message;
}

} // namespace Tideline
