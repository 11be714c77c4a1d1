// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
// PlanMerge: the window's unsaved edits and an outside change of the file, merged by release
// and refactoring, with every collision named and nothing dropped.

#include <document/planmerge.h>
#include <io/planfile.h>

#include <QTest>

using namespace Qt::StringLiterals;
using namespace Tideline;

class tst_PlanMerge : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void disjointEditsAreBothKept();
    void addedAndRemovedOnEachSide();
    void sameReleaseOrPartCollides();
    void sameEditOnBothSidesIsNoCollision();
    void reorderingHereCollides();

private:
    Plan m_base;
};

void tst_PlanMerge::initTestCase()
{
    QList<PlanError> errors;
    QVERIFY(PlanFile::load(QStringLiteral(TIDELINE_EXAMPLES "/customer-full-name.tideline.json"),
                           &m_base, &errors));
    QCOMPARE(m_base.releases.size(), 4);
    QCOMPARE(m_base.refactorings.size(), 2);
}

void tst_PlanMerge::disjointEditsAreBothKept()
{
    Plan mine = m_base;
    mine.refactorings[0].note = u"mine"_s;
    mine.policy.backfillBatch = 50;
    Plan theirs = m_base;
    theirs.releases[3].label = u"theirs"_s;
    theirs.refactorings[1].note = u"theirs"_s;

    Plan merged;
    QStringList collisions;
    QVERIFY(PlanMerge::merge(m_base, mine, theirs, &merged, &collisions));
    QVERIFY(collisions.isEmpty());
    Plan expected = theirs;
    expected.refactorings[0].note = u"mine"_s;
    expected.policy.backfillBatch = 50;
    QVERIFY(merged == expected);
}

void tst_PlanMerge::addedAndRemovedOnEachSide()
{
    Plan mine = m_base;
    Release added;
    added.id = u"r5"_s;
    added.label = u"mine"_s;
    mine.releases.insert(2, added); // after r2
    mine.refactorings.removeAt(1);
    Plan theirs = m_base;
    theirs.releases.removeLast(); // r4
    Release theirsAdded;
    theirsAdded.id = u"r6"_s;
    theirs.releases.prepend(theirsAdded);

    Plan merged;
    QStringList collisions;
    QVERIFY2(PlanMerge::merge(m_base, mine, theirs, &merged, &collisions),
             qPrintable(collisions.join(u", "_s)));
    QStringList ids;
    for (const Release &release : merged.releases)
        ids << release.id;
    QCOMPARE(ids, (QStringList{u"r6"_s, u"r1"_s, u"r2"_s, u"r5"_s, u"r3"_s}));
    QCOMPARE(merged.refactorings.size(), 1);
    QCOMPARE(merged.refactorings.at(0).id, m_base.refactorings.at(0).id);
}

void tst_PlanMerge::sameReleaseOrPartCollides()
{
    Plan mine = m_base;
    mine.releases[1].label = u"mine"_s;
    mine.policy.rollbackSafe = false;
    mine.refactorings.removeAt(0);
    Plan theirs = m_base;
    theirs.releases[1].label = u"theirs"_s;
    theirs.policy.backfillBatch = 7;
    theirs.refactorings[0].note = u"theirs"_s; // edited there, removed here

    Plan merged = m_base;
    merged.name = u"untouched"_s;
    QStringList collisions;
    QVERIFY(!PlanMerge::merge(m_base, mine, theirs, &merged, &collisions));
    QCOMPARE(merged.name, u"untouched"_s); // nothing written on a collision
    QCOMPARE(collisions,
             (QStringList{u"the policy"_s, u"release r2"_s,
                          u"refactoring %1"_s.arg(m_base.refactorings.at(0).id)}));
}

void tst_PlanMerge::sameEditOnBothSidesIsNoCollision()
{
    Plan mine = m_base;
    mine.releases[2].label = u"same"_s;
    Plan theirs = mine;
    Plan merged;
    QStringList collisions;
    QVERIFY(PlanMerge::merge(m_base, mine, theirs, &merged, &collisions));
    QVERIFY(merged == mine);
}

void tst_PlanMerge::reorderingHereCollides()
{
    Plan mine = m_base;
    mine.releases.move(2, 3);
    Plan theirs = m_base;
    theirs.refactorings[0].note = u"theirs"_s;
    QStringList collisions;
    QVERIFY(!PlanMerge::merge(m_base, mine, theirs, nullptr, &collisions));
    QCOMPARE(collisions, QStringList{u"the order of the releases"_s});
}

QTEST_GUILESS_MAIN(tst_PlanMerge)
#include "tst_planmerge.moc"
