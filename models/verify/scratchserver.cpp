// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "scratchserver.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QMutex>
#include <QRegularExpression>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QSysInfo>
#include <QThread>
#include <QUrl>
#include <QUuid>

#include <atomic>
#include <csignal>
#include <cerrno>
#include <thread>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pwd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>
#include <fcntl.h>

namespace Tideline {

namespace {

constexpr int StartSeconds = 60;

/** A TCP port on 127.0.0.1 nothing listens on (the kernel's choice), 0 when none. */
int freePort()
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return 0;
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    socklen_t length = sizeof address;
    int port = 0;
    if (::bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) == 0
        && ::getsockname(fd, reinterpret_cast<sockaddr *>(&address), &length) == 0)
        port = ntohs(address.sin_port);
    ::close(fd);
    return port;
}

/** The helper execute() runs (initdb, pg_ctl), for the signal watcher to stop first. */
std::atomic<qint64> helperPid = 0;

/** Runs @p program to the end; false with its output when it fails. */
bool execute(const QString &program, const QStringList &arguments, QString *output)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(program, arguments);
    helperPid = process.processId();
    const bool finished = process.waitForFinished(StartSeconds * 1000);
    helperPid = 0;
    *output = QString::fromLocal8Bit(process.readAll()).trimmed();
    if (!finished)
        process.kill();
    return finished && process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
}

bool isRoot()
{
    return ::geteuid() == 0;
}

/** initdb and postgres refuse to run as root: as root they run as user postgres. */
void asPostgres(QString *program, QStringList *arguments)
{
    if (!isRoot())
        return;
    arguments->prepend(*program);
    arguments->prepend(QStringLiteral("--"));
    arguments->prepend(QStringLiteral("postgres"));
    arguments->prepend(QStringLiteral("-u"));
    *program = QStringLiteral("runuser");
}

QString postgresBinaries()
{
    // Debian's layout first (/usr/lib/postgresql/<version>/bin), newest version first; then PATH.
    QDir lib(QStringLiteral("/usr/lib/postgresql"));
    QStringList versions = lib.entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    std::sort(versions.begin(), versions.end(), [](const QString &a, const QString &b) { return a.toInt() > b.toInt(); });
    for (const QString &v : std::as_const(versions)) {
        const QString bin = lib.filePath(v + QStringLiteral("/bin"));
        if (QFileInfo(bin + QStringLiteral("/initdb")).isExecutable() && QFileInfo(bin + QStringLiteral("/pg_ctl")).isExecutable())
            return bin;
    }
    const QString initdb = QStandardPaths::findExecutable(QStringLiteral("initdb"));
    if (!initdb.isEmpty() && !QStandardPaths::findExecutable(QStringLiteral("pg_ctl")).isEmpty())
        return QFileInfo(initdb).path();
    return {};
}

const QString FolderPrefix = QStringLiteral("tideline-verify-");
const QString OwnerFile = QStringLiteral("owner.pid");

/** The servers of this process, for the signal watcher. */
QMutex registryMutex;
QList<ScratchServer *> registry;
QList<ScratchDatabase *> databases; // the scratch databases on users' servers, likewise

bool processRuns(qint64 pid)
{
    return pid > 0 && (::kill(pid_t(pid), 0) == 0 || errno == EPERM);
}

/** The first line of a pid file as a process id, 0 when there is none. */
qint64 pidFrom(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return 0;
    return file.readLine().trimmed().toLongLong();
}

/** Asks @p pid to stop with @p signal, then kills it when it has not gone after @p seconds. */
void stopProcess(qint64 pid, int signal, int seconds)
{
    if (!processRuns(pid))
        return;
    ::kill(pid_t(pid), signal);
    QElapsedTimer waited;
    waited.start();
    while (processRuns(pid) && waited.elapsed() < seconds * 1000)
        QThread::msleep(50);
    if (processRuns(pid))
        ::kill(pid_t(pid), SIGKILL);
}

/**
 * True when process @p pid is a server whose data folder is @p dir's: its command line names
 * DIR/data (postgres -D DIR/data, mariadbd --datadir=DIR/data). A pid file alone proves nothing:
 * the process may be gone and its id reused, or the file written by someone else.
 */
bool servesFolder(qint64 pid, const QString &dir)
{
    QFile cmdline(QStringLiteral("/proc/%1/cmdline").arg(pid));
    if (pid <= 0 || !cmdline.open(QIODevice::ReadOnly))
        return false;
    const QByteArray data = QFile::encodeName(dir + QStringLiteral("/data"));
    for (const QByteArray &argument : cmdline.readAll().split('\0')) {
        if (argument == data || argument.endsWith(QByteArray("=") + data))
            return true;
    }
    return false;
}

/** The server a scratch folder holds: PostgreSQL's postmaster or mariadbd, with its name. */
std::pair<qint64, QString> serverOf(const QString &dir)
{
    for (const auto &[file, name] : {std::pair{QStringLiteral("/data/postmaster.pid"), QStringLiteral("PostgreSQL")},
                                     std::pair{QStringLiteral("/mariadbd.pid"), QStringLiteral("MariaDB")}}) {
        if (const qint64 pid = pidFrom(dir + file); servesFolder(pid, dir))
            return {pid, name};
    }
    return {0, {}};
}

/** Stops the server of a scratch folder, fast (SIGQUIT is PostgreSQL's immediate shutdown). */
void stopServerIn(const QString &dir)
{
    const auto [pid, name] = serverOf(dir);
    stopProcess(pid, name == QLatin1String("PostgreSQL") ? SIGQUIT : SIGTERM, 10);
}

int signalPipe[2] = {-1, -1};

extern "C" void wakeWatcher(int signal)
{
    const unsigned char byte = static_cast<unsigned char>(signal);
    [[maybe_unused]] const ssize_t written = ::write(signalPipe[1], &byte, 1);
}

} // namespace

ScratchServer::~ScratchServer()
{
    {
        const QMutexLocker lock(&registryMutex);
        registry.removeAll(this);
    }
    stop();
}

void ScratchServer::stopNow()
{
    // initdb or pg_ctl first (initdb removes what it made when told to stop), or they would
    // write into the folder while it is being removed.
    stopProcess(helperPid, SIGTERM, 10);
    if (m_dir) {
        stopServerIn(m_dir->path());
        QDir(m_dir->path()).removeRecursively();
    }
    if (m_mariadbdPid)
        stopProcess(m_mariadbdPid, SIGTERM, 10);
}

void ScratchServer::stopAllOnSignals()
{
    static std::atomic_bool installed = false;
    if (installed.exchange(true))
        return;
    if (::pipe2(signalPipe, O_CLOEXEC) != 0)
        return;
    std::thread([] {
        unsigned char signal = 0;
        while (::read(signalPipe[0], &signal, 1) < 0 && errno == EINTR) {
        }
        // Hold the registry until the end: a destructor on the main thread waits, then exits.
        registryMutex.lock();
        for (ScratchDatabase *database : std::as_const(databases))
            database->dropNow();
        for (ScratchServer *server : std::as_const(registry))
            server->stopNow();
        ::_exit(128 + signal);
    }).detach();
    struct sigaction action = {};
    action.sa_handler = wakeWatcher;
    sigemptyset(&action.sa_mask);
    for (const int signal : {SIGTERM, SIGINT, SIGHUP})
        ::sigaction(signal, &action, nullptr);
}

QStringList ScratchServer::removeStale()
{
    QStringList removed;
    QDirIterator it(QDir::tempPath(), {FolderPrefix + QLatin1Char('*')}, QDir::Dirs | QDir::NoDotAndDotDot);
    while (it.hasNext()) {
        const QString dir = it.next();
        // Only folders this user's verify made: the owner file is written by the verify itself,
        // so another user cannot plant one that we would act on.
        const QFileInfo ownerFile(dir + QLatin1Char('/') + OwnerFile);
        if (QFileInfo(dir).isSymLink() || ownerFile.isSymLink() || !ownerFile.isFile()
            || ownerFile.ownerId() != ::geteuid())
            continue;
        const qint64 owner = pidFrom(ownerFile.filePath());
        if (owner == 0 || processRuns(owner))
            continue; // not ours to judge (no owner recorded), or still in use
        const auto [pid, name] = serverOf(dir);
        const bool running = processRuns(pid);
        stopServerIn(dir);
        if (!QDir(dir).removeRecursively()) {
            removed << QStringLiteral("could not remove %1, left by process %2 that no longer runs; remove it by hand")
                           .arg(dir)
                           .arg(owner);
            continue;
        }
        removed << QStringLiteral("removed %1, left by process %2 that no longer runs%3")
                       .arg(dir)
                       .arg(owner)
                       .arg(running ? QStringLiteral(" (its %1 server, process %2, was still running and is stopped)")
                                          .arg(name)
                                          .arg(pid)
                                    : QString());
    }
    return removed;
}

bool ScratchServer::start(const QString &dialect, QString *error)
{
    m_dialect = dialect;
    m_dir = std::make_unique<QTemporaryDir>(QDir::tempPath() + QLatin1Char('/') + FolderPrefix + QStringLiteral("XXXXXX"));
    if (!m_dir->isValid()) {
        *error = QStringLiteral("cannot create a temporary folder for the scratch server: %1").arg(m_dir->errorString());
        return false;
    }
    // Who made the folder, so that a later run can tell a folder this process left behind.
    QFile owner(m_dir->filePath(OwnerFile));
    if (!owner.open(QIODevice::WriteOnly) || owner.write(QByteArray::number(QCoreApplication::applicationPid()) + '\n') < 0
        || !owner.flush()) {
        *error = QStringLiteral("cannot write %1: %2").arg(owner.fileName(), owner.errorString());
        return false;
    }
    owner.close();
    {
        const QMutexLocker lock(&registryMutex);
        registry.append(this);
    }
    if (dialect == QLatin1String("postgresql"))
        return startPostgres(error);
    if (dialect == QLatin1String("mysql"))
        return startMariaDb(error);
    *error = QStringLiteral("verify cannot start a %1 server itself: pass --dsn").arg(dialect);
    return false;
}

bool ScratchServer::startPostgres(QString *error)
{
    m_pgBin = postgresBinaries();
    if (m_pgBin.isEmpty()) {
        *error = QStringLiteral("no PostgreSQL server binaries (initdb, pg_ctl) found: install the Debian package "
                                "postgresql, or pass --dsn postgresql://user@host:port/database");
        return false;
    }
    const QString dir = m_dir->path();
    if (isRoot()) {
        const passwd *user = ::getpwnam("postgres");
        if (!user) {
            *error = QStringLiteral("running as root, verify needs the user postgres to run the server "
                                    "(it comes with the Debian package postgresql)");
            return false;
        }
        if (::chown(QFile::encodeName(dir).constData(), user->pw_uid, user->pw_gid) != 0) {
            *error = QStringLiteral("cannot hand %1 to the user postgres").arg(dir);
            return false;
        }
    }
    const int port = freePort();
    QString output, program = m_pgBin + QStringLiteral("/initdb");
    QStringList arguments{QStringLiteral("-D"), dir + QStringLiteral("/data"), QStringLiteral("--auth=trust"),
                          QStringLiteral("-U"), QStringLiteral("postgres"), QStringLiteral("-E"), QStringLiteral("UTF8"),
                          QStringLiteral("--locale=C.UTF-8")};
    asPostgres(&program, &arguments);
    if (!execute(program, arguments, &output)) {
        *error = QStringLiteral("initdb failed: %1").arg(output);
        return false;
    }
    // A server thrown away after the run: nothing of it must survive a crash, so it writes
    // without waiting for the disk (index builds, commits, checkpoints), but for the release's
    // timed scripts (setDurable). In its configuration file, not on the command line: a
    // setting given there would outrank ALTER SYSTEM.
    QFile conf(dir + QStringLiteral("/data/postgresql.conf"));
    if (!conf.open(QIODevice::Append | QIODevice::Text)
        || conf.write("\n# tideline verify: a scratch server\nfsync = off\nsynchronous_commit = off\nfull_page_writes = off\n") < 0
        || !conf.flush()) {
        *error = QStringLiteral("cannot write %1: %2").arg(conf.fileName(), conf.errorString());
        return false;
    }
    conf.close();
    program = m_pgBin + QStringLiteral("/pg_ctl");
    arguments = {QStringLiteral("-w"), QStringLiteral("-D"), dir + QStringLiteral("/data"), QStringLiteral("-l"),
                 dir + QStringLiteral("/server.log"), QStringLiteral("-o"),
                 QStringLiteral("-c listen_addresses=127.0.0.1 -p %1 -k %2").arg(port).arg(dir), QStringLiteral("start")};
    asPostgres(&program, &arguments);
    if (!execute(program, arguments, &output)) {
        *error = QStringLiteral("PostgreSQL did not start: %1").arg(output);
        return false;
    }
    m_dsn = QStringLiteral("postgresql://postgres@127.0.0.1:%1/postgres").arg(port);
    return true;
}

bool ScratchServer::startMariaDb(QString *error)
{
    const QString install = QStandardPaths::findExecutable(QStringLiteral("mariadb-install-db"));
    QString server = QStandardPaths::findExecutable(QStringLiteral("mariadbd"));
    if (server.isEmpty() && QFileInfo(QStringLiteral("/usr/sbin/mariadbd")).isExecutable())
        server = QStringLiteral("/usr/sbin/mariadbd");
    if (install.isEmpty() || server.isEmpty()) {
        *error = QStringLiteral("no MariaDB server binaries (mariadb-install-db, mariadbd) found: install the Debian "
                                "package mariadb-server, or pass --dsn mysql://user@host:port/database");
        return false;
    }
    const QString dir = m_dir->path();
    QStringList user;
    if (isRoot())
        user << QStringLiteral("--user=root"); // mariadbd refuses root unless told
    QString output;
    if (!execute(install, QStringList{QStringLiteral("--no-defaults"), QStringLiteral("--datadir=") + dir + QStringLiteral("/data")}
                              + user + QStringList{QStringLiteral("--auth-root-authentication-method=normal"), QStringLiteral("--skip-test-db")},
                 &output)) {
        *error = QStringLiteral("mariadb-install-db failed: %1").arg(output);
        return false;
    }
    const int port = freePort();
    m_mariadbd = std::make_unique<QProcess>();
    m_mariadbd->setProcessChannelMode(QProcess::MergedChannels);
    m_mariadbd->setStandardOutputFile(dir + QStringLiteral("/stdout.log"));
    m_mariadbd->start(server, QStringList{QStringLiteral("--no-defaults"), QStringLiteral("--datadir=") + dir + QStringLiteral("/data")}
                                  + user
                                  + QStringList{QStringLiteral("--bind-address=127.0.0.1"), QStringLiteral("--port=%1").arg(port),
                                                QStringLiteral("--socket=") + dir + QStringLiteral("/sock"),
                                                QStringLiteral("--pid-file=") + dir + QStringLiteral("/mariadbd.pid"),
                                                QStringLiteral("--skip-name-resolve"),
                                                QStringLiteral("--log-error=") + dir + QStringLiteral("/server.log")});
    if (!m_mariadbd->waitForStarted(StartSeconds * 1000)) {
        *error = QStringLiteral("mariadbd did not start: %1").arg(m_mariadbd->errorString());
        return false;
    }
    m_mariadbdPid = m_mariadbd->processId();
    m_dsn = QStringLiteral("mysql://root@127.0.0.1:%1/mysql").arg(port);
    QElapsedTimer waited;
    waited.start();
    QString message;
    while (waited.elapsed() < StartSeconds * 1000) {
        if (m_mariadbd->state() != QProcess::Running)
            break;
        Connection probe;
        if (probe.open(m_dsn, &message))
            return true;
        QThread::msleep(250);
    }
    QFile log(dir + QStringLiteral("/server.log"));
    log.open(QIODevice::ReadOnly);
    *error = QStringLiteral("MariaDB did not start: %1 %2").arg(message, QString::fromLocal8Bit(log.readAll().right(2000)));
    return false;
}

bool ScratchServer::setDurable(bool durable, QSqlDatabase session, QString *error)
{
    if (m_pgBin.isEmpty())
        return true; // MariaDB's flush settings are left as they are (see docs/performance.md)
    Connection admin;
    if (!admin.open(m_dsn, error))
        return false;
    const QString value = durable ? QStringLiteral("on") : QStringLiteral("off");
    for (const QString &sql : {QStringLiteral("ALTER SYSTEM SET fsync = %1").arg(value),
                               QStringLiteral("ALTER SYSTEM SET full_page_writes = %1").arg(value),
                               QStringLiteral("SELECT pg_reload_conf()")}) {
        QSqlQuery query(admin.database());
        if (!query.exec(sql)) {
            *error = QStringLiteral("%1: %2").arg(sql, query.lastError().text());
            return false;
        }
    }
    // Each session reads the file again before its next command, once the postmaster has passed
    // the reload on: the change counts from when @p session itself shows it.
    const QString wanted = value + QLatin1Char(' ') + value;
    QString shown;
    QElapsedTimer waited;
    waited.start();
    while (waited.elapsed() < StartSeconds * 1000) {
        QSqlQuery show(session);
        if (!show.exec(QStringLiteral("SELECT current_setting('fsync') || ' ' || current_setting('full_page_writes')"))
            || !show.next()) {
            *error = QStringLiteral("cannot read fsync and full_page_writes back: %1").arg(show.lastError().text());
            return false;
        }
        shown = show.value(0).toString();
        if (shown == wanted)
            return true;
        QThread::msleep(5);
    }
    *error = QStringLiteral("the scratch server still shows fsync and full_page_writes \"%1\", not \"%2\", %3 s after "
                            "the reload")
                 .arg(shown, wanted)
                 .arg(StartSeconds);
    return false;
}

void ScratchServer::stop()
{
    if (!m_pgBin.isEmpty() && m_dir && QFileInfo::exists(m_dir->path() + QStringLiteral("/data/postmaster.pid"))) {
        QString output, program = m_pgBin + QStringLiteral("/pg_ctl");
        QStringList arguments{QStringLiteral("-w"), QStringLiteral("-D"), m_dir->path() + QStringLiteral("/data"),
                              QStringLiteral("-m"), QStringLiteral("fast"), QStringLiteral("stop")};
        asPostgres(&program, &arguments);
        execute(program, arguments, &output);
    }
    if (m_mariadbd && m_mariadbd->state() != QProcess::NotRunning) {
        m_mariadbd->terminate();
        if (!m_mariadbd->waitForFinished(StartSeconds * 1000))
            m_mariadbd->kill();
        m_mariadbd->waitForFinished();
    }
    m_mariadbd.reset();
    m_dir.reset(); // removes the folder
    m_pgBin.clear();
}

// ---------------------------------------------------------------------------------------------

QString ScratchDatabase::namePrefix()
{
    // Lower-case hex: PostgreSQL folds unquoted names, MariaDB may compare them case-blind.
    const QByteArray host = QCryptographicHash::hash(QSysInfo::machineHostName().toUtf8(), QCryptographicHash::Sha1);
    return QStringLiteral("tideline_verify_%1_").arg(QString::fromLatin1(host.toHex().left(8)));
}

bool ScratchDatabase::open(const QString &dsn, QString *error)
{
    const auto scrub = [&](QString *text) { *text = Connection::redact(*text, dsn); };
    if (dsn.startsWith(QLatin1String("sqlite:"), Qt::CaseInsensitive)) {
        m_db = std::make_unique<Connection>();
        m_dialect = QStringLiteral("sqlite");
        return m_db->open(QStringLiteral("sqlite::memory:"), error);
    }
    Connection admin;
    if (!admin.open(dsn, error)) {
        scrub(error);
        return false;
    }
    m_dialect = admin.dialect();
    const bool postgres = m_dialect == QLatin1String("postgresql");
    {
        // What a verify of this machine left when it was killed with SIGKILL: its process is gone.
        QSqlQuery query(admin.database());
        const QString like = QString(namePrefix()).replace(QLatin1String("_"), QLatin1String("\\_")) + QLatin1Char('%');
        QStringList stale;
        if (query.exec(postgres ? QStringLiteral("SELECT datname FROM pg_database WHERE datname LIKE '%1'").arg(like)
                                : QStringLiteral("SHOW DATABASES LIKE '%1'").arg(like))) {
            static const QRegularExpression ours(QStringLiteral("^(\\d+)_[0-9a-f]{8}$")); // after the prefix
            while (query.next()) {
                const QString name = query.value(0).toString();
                const QRegularExpressionMatch match = ours.match(name.mid(namePrefix().size()));
                if (match.hasMatch() && !processRuns(match.captured(1).toLongLong()))
                    stale << name;
            }
        }
        for (const QString &name : std::as_const(stale)) {
            const QString pid = name.section(QLatin1Char('_'), -2, -2);
            if (query.exec(QStringLiteral("DROP DATABASE IF EXISTS %1%2").arg(name, postgres ? QStringLiteral(" WITH (FORCE)") : QString())))
                m_removedStale << QStringLiteral("dropped the scratch database %1 that verify (process %2, gone) left on the server")
                                      .arg(name, pid);
            else
                m_removedStale << QStringLiteral("cannot drop the scratch database %1 that verify (process %2, gone) left: %3")
                                      .arg(name, pid, Connection::redact(query.lastError().text(), dsn));
        }
    }
    const QString name = namePrefix()
                         + QStringLiteral("%1_%2").arg(QCoreApplication::applicationPid()).arg(QUuid::createUuid().toString(QUuid::Id128).left(8));
    {
        QSqlQuery query(admin.database());
        if (!query.exec(QStringLiteral("CREATE DATABASE %1").arg(name))) {
            *error = QStringLiteral("cannot create the scratch database %1: %2").arg(name, query.lastError().text());
            scrub(error);
            return false;
        }
    }
    {
        const QMutexLocker lock(&registryMutex); // from now on a signal drops it
        m_adminDsn = dsn;
        m_name = name;
        databases.append(this);
    }
    QUrl url(dsn);
    url.setPath(QLatin1Char('/') + name);
    m_db = std::make_unique<Connection>();
    if (!m_db->open(url.toString(), error)) {
        scrub(error);
        m_db.reset();
        return false;
    }
    QSqlQuery session(m_db->database());
    if (postgres) {
        session.exec(QStringLiteral("SET client_min_messages = warning"));
        // The database is thrown away: a commit need not wait for its WAL to reach the disk.
        // What every statement does and what the database accepts stays the same; only a crash
        // of the server could lose the last commits, of a database nobody keeps. One fsync less
        // for each commit (sample rows a table, each script, the ledger).
        session.exec(QStringLiteral("SET synchronous_commit = off"));
    }
    else if (session.exec(QStringLiteral("SELECT CONNECTION_ID()")) && session.next())
        m_connectionId = session.value(0).toLongLong();
    return true;
}

bool ScratchDatabase::setDurable(bool durable, QString *error)
{
    if (m_dialect != QLatin1String("postgresql") || !m_db)
        return true;
    QSqlQuery session(m_db->database());
    if (!session.exec(QStringLiteral("SET synchronous_commit = %1").arg(durable ? QStringLiteral("on") : QStringLiteral("off")))) {
        *error = QStringLiteral("cannot set synchronous_commit: %1").arg(session.lastError().text());
        return false;
    }
    return true;
}

void ScratchDatabase::dropNow()
{
    // Runs on the signal watcher's thread while the main thread may be inside a statement on the
    // database: its session is ended first (PostgreSQL's FORCE does that, MariaDB needs a KILL).
    Connection admin;
    QString error;
    if (!admin.open(m_adminDsn, &error))
        return; // the next verify of this machine drops it
    QSqlQuery query(admin.database());
    if (m_dialect == QLatin1String("postgresql")) {
        query.exec(QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(m_name));
    } else {
        if (m_connectionId > 0)
            query.exec(QStringLiteral("KILL CONNECTION %1").arg(m_connectionId));
        query.exec(QStringLiteral("DROP DATABASE IF EXISTS %1").arg(m_name));
    }
}

ScratchDatabase::~ScratchDatabase()
{
    {
        const QMutexLocker lock(&registryMutex);
        databases.removeAll(this);
    }
    m_db.reset();
    if (m_name.isEmpty())
        return;
    Connection admin;
    QString error;
    if (admin.open(m_adminDsn, &error)) {
        QSqlQuery query(admin.database());
        if (!query.exec(QStringLiteral("DROP DATABASE IF EXISTS %1").arg(m_name)) && m_dialect == QLatin1String("postgresql"))
            query.exec(QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(m_name));
    }
}

} // namespace Tideline
