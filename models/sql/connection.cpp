// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "connection.h"

#include <algorithm>

#include <QDir>
#include <QFile>
#include <QSqlError>
#include <QFileInfo>
#include <QRegularExpression>
#include <QUrl>
#include <QUrlQuery>
#include <QUuid>

namespace Tideline {

namespace {

struct Engine
{
    QString dialect;
    QString driver;
    QString package; // the Debian package that ships the Qt SQL plugin
    int defaultPort = 0;
};

const QString Usage = QStringLiteral(
    "use sqlite:PATH, postgresql://user[:password]@host[:port]/database or "
    "mysql://user[:password]@host[:port]/database");

bool engineFor(const QString &scheme, Engine *engine)
{
    if (scheme == QLatin1String("sqlite")) {
        *engine = {QStringLiteral("sqlite"), QStringLiteral("QSQLITE"), QStringLiteral("libqt6sql6-sqlite"), 0};
    } else if (scheme == QLatin1String("postgresql") || scheme == QLatin1String("postgres")) {
        *engine = {QStringLiteral("postgresql"), QStringLiteral("QPSQL"), QStringLiteral("libqt6sql6-psql"), 5432};
    } else if (scheme == QLatin1String("mysql") || scheme == QLatin1String("mariadb")) {
        *engine = {QStringLiteral("mysql"), QStringLiteral("QMYSQL"), QStringLiteral("libqt6sql6-mysql"), 3306};
    } else {
        return false;
    }
    return true;
}

/**
 * The password of the [client] (or [client-mariadb], [mysql]) group of the user's MySQL option
 * file, ~/.my.cnf, as the mysql client would use it; empty when there is none. Qt's QMYSQL
 * driver cannot ask the client library to read option files, so this does, for the password
 * only: everything else comes from the DSN.
 */
QString optionFilePassword()
{
    QFile file(QDir::home().filePath(QStringLiteral(".my.cnf")));
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return {};
    static const QStringList groups{QStringLiteral("client"), QStringLiteral("client-mariadb"),
                                    QStringLiteral("mysql")};
    bool inGroup = false;
    QString password;
    while (!file.atEnd()) {
        const QString line = QString::fromUtf8(file.readLine()).trimmed();
        if (line.startsWith(QLatin1Char('[')) && line.endsWith(QLatin1Char(']'))) {
            inGroup = groups.contains(line.mid(1, line.size() - 2).trimmed().toLower());
            continue;
        }
        const qsizetype equals = line.indexOf(QLatin1Char('='));
        if (!inGroup || equals < 0 || line.left(equals).trimmed().toLower() != QLatin1String("password"))
            continue;
        password = line.mid(equals + 1).trimmed();
        if (password.size() >= 2 && (password.startsWith(QLatin1Char('"')) || password.startsWith(QLatin1Char('\'')))
            && password.endsWith(password.at(0)))
            password = password.mid(1, password.size() - 2);
    }
    return password; // the last one read wins, as with the client
}

} // namespace

Connection::~Connection()
{
    if (m_name.isEmpty())
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(m_name, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(m_name);
}

QSqlDatabase Connection::database() const
{
    return m_name.isEmpty() ? QSqlDatabase() : QSqlDatabase::database(m_name, false);
}

namespace {

/** The option names that carry a password, in a URL's query or a key=value connection string. */
bool isPasswordKey(const QString &key)
{
    static const QStringList keys{QStringLiteral("password"), QStringLiteral("pwd"), QStringLiteral("pass"),
                                  QStringLiteral("passwd"), QStringLiteral("sslpassword")};
    return keys.contains(QUrl::fromPercentEncoding(key.trimmed().toUtf8()).toLower());
}

/** The passwords a DSN carries, as written (the three forms are added by redact()). */
QStringList dsnSecrets(const QString &dsn)
{
    QStringList secrets;
    // key=value options: in the query of a URL (&, ;) or a libpq connection string (spaces), where
    // a value may be 'quoted' (spaces inside, \' and \\ escaped). A raw ? stays in the value.
    static const QRegularExpression option(
        QStringLiteral("(?:^|[?&;\\s])([^=?&;\\s]+)\\s*=\\s*('(?:[^'\\\\]|\\\\.)*'?|[^&;\\s]*)"));
    for (auto it = option.globalMatch(dsn); it.hasNext();) {
        const QRegularExpressionMatch match = it.next();
        if (!isPasswordKey(match.captured(1)))
            continue;
        const QString value = match.captured(2);
        secrets << value;
        if (value.startsWith(QLatin1Char('\''))) { // the quoted text, as written and as meant
            QString inner = value.mid(1);
            if (inner.endsWith(QLatin1Char('\'')) && !inner.endsWith(QStringLiteral("\\'")))
                inner.chop(1);
            secrets << inner;
            static const QRegularExpression escaped(QStringLiteral("\\\\(.)"));
            secrets << QString(inner).replace(escaped, QStringLiteral("\\1"));
        }
    }
    // user:password@host, with or without a scheme (a forgotten one too). The user ends at the
    // first colon after the scheme; the password may hold ? # / and @ raw (a URL parser stops
    // there, the user meant them), so every @ may be its end: each is taken, the longest wins.
    // SQLite has no passwords (sqlite:/data/team@work/x.db is a path), and without "scheme://" a
    // / before the first colon makes it a path too (a plan file), not user:password@.
    static const QRegularExpression scheme(QStringLiteral("^([A-Za-z][A-Za-z0-9+.-]*):(//)?"));
    const QRegularExpressionMatch schemeMatch = scheme.match(dsn);
    const QString schemeName = schemeMatch.captured(1).toLower();
    if (schemeName == QLatin1String("sqlite") || schemeName == QLatin1String("file"))
        return secrets;
    const bool url = schemeMatch.hasMatch() && !schemeMatch.captured(2).isEmpty();
    const QString rest = url ? dsn.mid(schemeMatch.capturedLength()) : dsn;
    for (qsizetype at = rest.indexOf(QLatin1Char('@')); at > 0; at = rest.indexOf(QLatin1Char('@'), at + 1)) {
        const QString userInfo = rest.left(at);
        const qsizetype first = userInfo.indexOf(QLatin1Char(':'));
        if (first < 0 || (!url && userInfo.left(first).contains(QLatin1Char('/'))))
            continue;
        // Each tail after a colon: "postgresql:user:pw@host" (no //) has two.
        for (qsizetype colon = first; colon >= 0; colon = userInfo.indexOf(QLatin1Char(':'), colon + 1))
            secrets << userInfo.mid(colon + 1);
    }
    return secrets;
}

} // namespace

QString Connection::redact(const QString &text, const QString &dsn)
{
    QStringList secrets;
    for (const QString &secret : dsnSecrets(dsn)) {
        const QString decoded = QUrl::fromPercentEncoding(secret.toUtf8());
        secrets << secret << decoded << QString::fromLatin1(QUrl::toPercentEncoding(decoded));
    }
    // The longest first: a password that holds another one is replaced whole.
    std::sort(secrets.begin(), secrets.end(), [](const QString &a, const QString &b) { return a.size() > b.size(); });
    QString result = text;
    for (const QString &secret : std::as_const(secrets)) {
        if (!secret.isEmpty())
            result.replace(secret, QStringLiteral("***"));
    }
    // Another DSN's password in the text (a message that quotes one): its place is masked.
    static const QRegularExpression urlPassword(QStringLiteral("([A-Za-z][A-Za-z0-9+.-]*://[^/?#@\\s:\\[\\]]*:)[^\\s@]+@"));
    static const QRegularExpression option(
        QStringLiteral("\\b((?:ssl)?password|pwd|passwd)\\s*=\\s*(?:'(?:[^'\\\\]|\\\\.)*'?|[^&;\\s\"']+)"),
        QRegularExpression::CaseInsensitiveOption);
    result.replace(urlPassword, QStringLiteral("\\1***@"));
    result.replace(option, QStringLiteral("\\1=***"));
    return result;
}

bool Connection::open(const QString &dsn, QString *error, SqliteFile sqliteFile)
{
    if (openDsn(dsn, error, sqliteFile))
        return true;
    *error = redact(*error, dsn); // whatever the driver or the parse said
    return false;
}

bool Connection::openDsn(const QString &dsn, QString *error, SqliteFile sqliteFile)
{
    const qsizetype colon = dsn.indexOf(QLatin1Char(':'));
    if (colon <= 0) {
        // Not quoted: whatever it is, it may hold a password.
        *error = QStringLiteral("the DSN has no scheme: %1").arg(Usage);
        return false;
    }
    const QString scheme = dsn.left(colon).toLower();
    Engine engine;
    if (!engineFor(scheme, &engine)) {
        *error = QStringLiteral("unknown DSN scheme \"%1\": %2").arg(scheme, Usage);
        return false;
    }
    if (!QSqlDatabase::isDriverAvailable(engine.driver)) {
        *error = QStringLiteral("the Qt SQL driver %1 is not installed (Debian package %2)")
                     .arg(engine.driver, engine.package);
        return false;
    }

    // Parse everything before the connection exists, so a bad DSN leaves nothing behind.
    QString path, host, user, password, database, options;
    int port = engine.defaultPort;
    if (engine.dialect == QLatin1String("sqlite")) {
        path = dsn.mid(colon + 1);
        if (path.startsWith(QLatin1String("//")))
            path = QUrl::fromPercentEncoding(path.mid(2).toUtf8()); // sqlite:///abs/path
        if (path.isEmpty()) {
            *error = QStringLiteral("DSN \"%1\" names no database file (sqlite:PATH)").arg(dsn);
            return false;
        }
        if (sqliteFile == SqliteFile::MustExist && path != QLatin1String(":memory:")
            && !QFileInfo(path).isFile()) {
            *error = QStringLiteral("no such database file '%1'").arg(path);
            return false;
        }
    } else {
        const QUrl url(dsn, QUrl::StrictMode);
        if (!url.isValid()) {
            // QUrl names the bad part ("Invalid port or port number out of range"); what follows
            // quotes the whole DSN, password included, so it is cut off.
            *error = QStringLiteral("DSN is not a valid URL: %1")
                         .arg(url.errorString().section(QStringLiteral("; source was"), 0, 0));
            return false;
        }
        host = url.host(QUrl::FullyDecoded);
        user = url.userName(QUrl::FullyDecoded);
        password = url.password(QUrl::FullyDecoded);
        database = url.path(QUrl::FullyDecoded);
        if (database.startsWith(QLatin1Char('/')))
            database.remove(0, 1);
        if (host.isEmpty()) {
            *error = QStringLiteral("DSN names no host (%1://user@HOST:port/database)").arg(scheme);
            return false;
        }
        if (database.isEmpty() || database.contains(QLatin1Char('/'))) {
            *error = QStringLiteral("DSN path \"%1\" must name one database (%2://user@host:port/DATABASE)")
                         .arg(url.path(QUrl::FullyDecoded), scheme);
            return false;
        }
        if (url.port() != -1)
            port = url.port();
        // No password in the DSN: the engine's own ways. libpq reads PGPASSWORD and ~/.pgpass
        // itself, MariaDB's client library MYSQL_PWD; its option files need asking for.
        if (password.isEmpty() && engine.dialect == QLatin1String("mysql")
            && qEnvironmentVariableIsEmpty("MYSQL_PWD"))
            password = optionFilePassword();
        QStringList connectOptions;
        if (engine.dialect == QLatin1String("postgresql")) {
            // A connection whose server went away without a word (a host that died, a network
            // that drops everything) is noticed: TCP keepalives after 30 s idle, and data the
            // server has not acknowledged for 60 s ends it. First, so the DSN's own win.
            connectOptions << QStringLiteral("keepalives=1") << QStringLiteral("keepalives_idle=30")
                           << QStringLiteral("keepalives_interval=10") << QStringLiteral("keepalives_count=3")
                           << QStringLiteral("tcp_user_timeout=60000");
            // libpq keywords (sslmode=require, ...) pass through from the query string.
            const QUrlQuery query(url);
            for (const auto &item : query.queryItems(QUrl::FullyDecoded))
                connectOptions << item.first + QLatin1Char('=') + item.second;
            connectOptions << QStringLiteral("connect_timeout=10");
        } else {
            // No CLIENT_MULTI_STATEMENTS: the Applier sends one statement at a time, so the
            // server never has to accept several in one call (and an injected ';' stays inert).
            connectOptions << QStringLiteral("MYSQL_OPT_CONNECT_TIMEOUT=10");
        }
        options = connectOptions.join(QLatin1Char(';'));
    }

    const QString name = QStringLiteral("tideline-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(engine.driver, name);
        if (engine.dialect == QLatin1String("sqlite")) {
            db.setDatabaseName(path);
        } else {
            db.setHostName(host);
            db.setPort(port);
            db.setDatabaseName(database);
            db.setUserName(user);
            db.setPassword(password);
            db.setConnectOptions(options);
        }
        ok = db.open();
        if (!ok && engine.dialect == QLatin1String("sqlite")) {
            *error = QStringLiteral("cannot open sqlite database \"%1\": %2").arg(path, db.lastError().text());
        } else if (!ok) {
            QString reason = db.lastError().text();
            // Drivers do not echo passwords; should one ever, it still stays out. The DSN's own
            // are masked by open(); a password from ~/.my.cnf is not in the DSN.
            if (!password.isEmpty())
                reason.replace(password, QStringLiteral("***"));
            *error = QStringLiteral("cannot open %1 database \"%2\" on %3:%4 as user \"%5\": %6")
                         .arg(engine.dialect, database, host, QString::number(port), user, reason);
        }
    }
    if (!ok) {
        QSqlDatabase::removeDatabase(name);
        return false;
    }
    if (!m_name.isEmpty()) {
        { QSqlDatabase::database(m_name, false).close(); }
        QSqlDatabase::removeDatabase(m_name);
    }
    m_name = name;
    m_dialect = engine.dialect;
    return true;
}

} // namespace Tideline
