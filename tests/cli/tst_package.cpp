// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later

// The Debian package as a user gets it: `cpack -G DEB` builds it from the build folder, lintian
// judges it (no error allowed), dpkg-deb unpacks it into a throwaway root, and both programs
// start from their installed paths. Everything is read back from the .deb's own files.

#include "runprocess.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

namespace {

using Run = ProcessRun;

Run run(const QString &program, const QStringList &arguments, const QString &directory = {},
        const QMap<QString, QString> &environment = {})
{
    return runProcess(program, arguments, environment, directory);
}

// Width and height from a PNG's IHDR chunk; {0, 0} for anything else.
QSize pngSize(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QByteArray head = file.read(24);
    if (head.size() < 24 || !head.startsWith("\x89PNG\r\n\x1a\n") || head.mid(12, 4) != "IHDR")
        return {};
    return {int(qFromBigEndian<quint32>(head.constData() + 16)), int(qFromBigEndian<quint32>(head.constData() + 20))};
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestPackage : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_deb, m_root;

private slots:
    void initTestCase()
    {
        for (const char *tool : {"lintian", "dpkg-deb", "fakeroot"}) {
            if (QStandardPaths::findExecutable(QString::fromLatin1(tool)).isEmpty())
                QFAIL(qPrintable(QStringLiteral("%1 is missing: ./test.sh installs scripts/packages-test.txt").arg(tool)));
        }
        QVERIFY(m_dir.isValid());
        QElapsedTimer timer;
        timer.start();
        const Run cpack = run(QStringLiteral(TIDELINE_CPACK),
                              {"-G", "DEB", "-B", m_dir.filePath("out"), "--config", "CPackConfig.cmake"},
                              QStringLiteral(TIDELINE_BUILD_DIR));
        QVERIFY2(cpack.code == 0, cpack.out + cpack.err);
        const QStringList debs = QDir(m_dir.filePath("out")).entryList({"*.deb"}, QDir::Files);
        QCOMPARE(debs.size(), 1);
        m_deb = m_dir.filePath("out/" + debs.first());
        qInfo("cpack -G DEB: %.1f s", timer.elapsed() / 1000.0);
        m_root = m_dir.filePath("root");
        const Run extract = run("dpkg-deb", {"-x", m_deb, m_root});
        QVERIFY2(extract.code == 0, extract.err.constData());
    }

    void lintianFindsNoError()
    {
        QElapsedTimer timer;
        timer.start();
        const Run lintian = run("lintian", {"--no-cfg", "--fail-on", "error", m_deb});
        qInfo("lintian: %.1f s\n%s", timer.elapsed() / 1000.0, lintian.out.constData());
        QVERIFY2(lintian.code == 0, lintian.out + lintian.err);
        static const QRegularExpression error("^E: ", QRegularExpression::MultilineOption);
        QVERIFY2(!error.match(QString::fromUtf8(lintian.out)).hasMatch(), lintian.out.constData());
    }

    void control()
    {
        const Run info = run("dpkg-deb", {"-f", m_deb});
        QCOMPARE(info.code, 0);
        const QString text = QString::fromUtf8(info.out);
        QVERIFY(text.contains(QStringLiteral("Package: tideline\n")));
        QVERIFY(text.contains(QStringLiteral("Homepage: https://tideline.io/")));
        // The extended description: lines after the summary, each starting with a space.
        const QString description = text.section(QStringLiteral("Description: "), 1);
        QVERIFY2(description.count(QStringLiteral("\n ")) >= 5, qPrintable(description));
        QVERIFY(description.contains(QStringLiteral("tideline-cli")));
    }

    void binariesAreStrippedAndStart()
    {
        for (const char *program : {"tideline", "tideline-cli"}) {
            const QString path = m_root + "/usr/bin/" + program;
            const Run file = run("file", {"-b", path});
            QVERIFY2(file.out.contains("ELF") && file.out.contains(", stripped"), file.out.constData());
        }
        // As installed: the programs from the unpacked root, the libraries the system has.
        const Run version = run(m_root + "/usr/bin/tideline-cli", {"--version"});
        QCOMPARE(version.code, 0);
        QCOMPARE(version.out, QByteArray("tideline-cli " TIDELINE_VERSION "\n"));
        const Run check = run(m_root + "/usr/bin/tideline-cli",
                              {"validate", m_root + "/usr/share/tideline/examples/customer-full-name.tideline.json"});
        QVERIFY2(check.code == 0, check.err.constData());

        const QString shot = m_dir.filePath("window.png");
        const Run window = run(m_root + "/usr/bin/tideline", {"--screenshot", shot}, {}, {{"QT_QPA_PLATFORM", "offscreen"}});
        QVERIFY2(window.code == 0, window.err.constData());
        QVERIFY(pngSize(shot).width() > 100);
    }

    void manPagesFromTheHelp()
    {
        for (const char *program : {"tideline", "tideline-cli"}) {
            const QString page = m_root + "/usr/share/man/man1/" + program + ".1.gz";
            QVERIFY2(QFileInfo::exists(page), qPrintable(page));
            const Run text = run("sh", {"-c", "gzip -dc \"$1\"", "sh", page});
            QCOMPARE(text.code, 0);
            QVERIFY(text.out.contains(".TH " + QByteArray(program).toUpper()));
        }
        // tideline-cli's page holds every command's options, as `help --all` prints them.
        const Run page = run("sh", {"-c", "gzip -dc \"$1\"", "sh", m_root + "/usr/share/man/man1/tideline-cli.1.gz"});
        for (const char *option : {"ignore\\-table", "layout", "compare\\-runner\\-tables", "TIDELINE_DSN"})
            QVERIFY2(page.out.contains(option), option);
    }

    void desktopIntegration()
    {
        for (int size : {16, 22, 24, 32, 48, 64, 128, 256, 512}) {
            const QString icon = QStringLiteral("%1/usr/share/icons/hicolor/%2x%2/apps/tideline.png").arg(m_root).arg(size);
            QCOMPARE(pngSize(icon), QSize(size, size));
        }
        const QByteArray mime = readAll(m_root + "/usr/share/mime/packages/tideline.xml");
        QVERIFY(mime.contains("<glob pattern=\"*.tideline\"/>"));
        QVERIFY(mime.contains("<glob pattern=\"*.tideline.json\""));
        const QByteArray desktop = readAll(m_root + "/usr/share/applications/tideline.desktop");
        QVERIFY(desktop.contains("\nMimeType=application/x-tideline;application/x-tideline+json;\n"));
        QVERIFY(desktop.contains("\nExec=tideline %f\n"));
        const QByteArray metainfo = readAll(m_root + "/usr/share/metainfo/io.tideline.Tideline.metainfo.xml");
        QVERIFY(metainfo.contains("<url type=\"homepage\">"));
        QVERIFY(metainfo.count("<screenshot") >= 2);
        // The MIME database built from the package maps both names to their types.
        if (!QStandardPaths::findExecutable("update-mime-database").isEmpty()) {
            QVERIFY(run("update-mime-database", {m_root + "/usr/share/mime"}).code == 0);
            const QByteArray globs = readAll(m_root + "/usr/share/mime/globs2");
            QVERIFY(globs.contains(":application/x-tideline+json:*.tideline.json"));
            QVERIFY(globs.contains(":application/x-tideline:*.tideline"));
        }
        const QString doc = m_root + "/usr/share/doc/tideline/";
        QVERIFY(readAll(doc + "copyright").startsWith("Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/"));
        const Run changelog = run("sh", {"-c", "gzip -dc \"$1\"", "sh", doc + "changelog.gz"});
        QVERIFY(changelog.out.startsWith("tideline (" TIDELINE_VERSION ") "));
    }

    void completionsInstalled()
    {
        const QString bash = m_root + "/usr/share/bash-completion/completions/tideline-cli";
        const Run complete = run("bash", {"-c", "source \"$1\"; COMP_WORDS=(tideline-cli exp); COMP_CWORD=1; _tideline_cli; "
                                                "printf '%s\\n' \"${COMPREPLY[@]}\"",
                                          "bash", bash});
        QCOMPARE(complete.out, QByteArray("export\n"));
        QVERIFY(readAll(m_root + "/usr/share/zsh/vendor-completions/_tideline-cli").startsWith("#compdef tideline-cli"));
        QVERIFY(readAll(m_root + "/usr/share/fish/vendor_completions.d/tideline-cli.fish").contains("-l layout"));
    }

    void readmeAndSetupInstallOneList()
    {
        // README's "Building by hand" command and scripts/setup.sh (run.sh, test.sh) install the
        // same packages: both read scripts/packages-run.txt and packages-test.txt.
        const QString source = QStringLiteral(TIDELINE_SOURCE_DIR);
        const QString readme = QString::fromUtf8(readAll(source + "/README.md"));
        static const QRegularExpression install("^sudo apt-get install (\\$\\(.*\\))$", QRegularExpression::MultilineOption);
        const QRegularExpressionMatch m = install.match(readme);
        QVERIFY2(m.hasMatch(), "README.md has no `sudo apt-get install $(…)` line");
        const Run fromReadme = run("sh", {"-c", "printf '%s\\n' " + m.captured(1)}, source);
        QCOMPARE(fromReadme.code, 0);
        const Run fromSetup = run("bash", {"-c", "source scripts/setup.sh && TIDELINE_PACKAGES=() && for l in "
                                                 "$TIDELINE_PACKAGE_LISTS; do tl_read_package_list \"$l\"; done && "
                                                 "printf '%s\\n' \"${TIDELINE_PACKAGES[@]}\""},
                                  source, {{"TIDELINE_PACKAGE_LISTS", "run test"}});
        QVERIFY2(fromSetup.code == 0, fromSetup.err.constData());
        QStringList a = QString::fromUtf8(fromReadme.out).split('\n', Qt::SkipEmptyParts);
        QStringList b = QString::fromUtf8(fromSetup.out).split('\n', Qt::SkipEmptyParts);
        a.sort();
        b.sort();
        QVERIFY(a.size() > 20);
        QCOMPARE(a, b);
        // run.sh asks for the run list only.
        QVERIFY(readAll(source + "/run.sh").contains("TIDELINE_PACKAGE_LISTS=\"${TIDELINE_PACKAGE_LISTS:-run}\""));
    }
};

QTEST_GUILESS_MAIN(TestPackage)
#include "tst_package.moc"
