import { Module } from '@nestjs/common';
import { ClientsModule } from '../clients';
import { PartnersModule } from '../partners';
import { PersonalDataCryptoModule } from '../shared/crypto';
import { PrivacyModule } from '../shared/privacy';
import { ApplyForRightController } from './apply-for-right/apply-for-right.controller';
import { AssessLifeDomainsController } from './assess-life-domains/assess-life-domains.controller';
import { AssignCaseworkerController } from './assign-caseworker/assign-caseworker.controller';
import { CloseIntakeController } from './close-intake/close-intake.controller';
import { IntakeAccess } from './common/intake-access';
import { IntakeCommands } from './common/intake-commands';
import { IntakeStreams } from './common/intake-streams';
import { NeedDescriptions } from './common/need-descriptions';
import { OpenIntakeClaims } from './common/open-intake-claims';
import { ReferralHandOffs } from './common/referral-hand-offs';
import { ExploreRightController } from './explore-right/explore-right.controller';
import { GrantRightController } from './grant-right/grant-right.controller';
import { TrajectoryRegister } from './intake-trajectories/trajectory-register';
import { ListCaseloadController } from './list-caseload/list-caseload.controller';
import { OpenIntakeController } from './open-intake/open-intake.controller';
import { OpenIntakeHandler } from './open-intake/open-intake.handler';
import { ReadTrajectoryController } from './read-trajectory/read-trajectory.controller';
import { RecordNeedController } from './record-need/record-need.controller';
import { RefuseRightController } from './refuse-right/refuse-right.controller';
import { ReopenIntakeController } from './reopen-intake/reopen-intake.controller';
import { SignalUnmetNeedController } from './signal-unmet-need/signal-unmet-need.controller';
import { ApplyForRightHandler } from './apply-for-right/apply-for-right.handler';
import { AssessLifeDomainsHandler } from './assess-life-domains/assess-life-domains.handler';
import { AssignCaseworkerHandler } from './assign-caseworker/assign-caseworker.handler';
import { CloseIntakeHandler } from './close-intake/close-intake.handler';
import { ExploreRightHandler } from './explore-right/explore-right.handler';
import { GrantRightHandler } from './grant-right/grant-right.handler';
import { RecordNeedHandler } from './record-need/record-need.handler';
import { RefuseRightHandler } from './refuse-right/refuse-right.handler';
import { ReopenIntakeHandler } from './reopen-intake/reopen-intake.handler';
import { SignalUnmetNeedHandler } from './signal-unmet-need/signal-unmet-need.handler';
import { TransferResponsibilityHandler } from './transfer-responsibility/transfer-responsibility.handler';
import { ListCaseloadHandler } from './list-caseload/list-caseload.handler';
import { ListPersonTrajectoriesController } from './person-trajectories/list-person-trajectories.controller';
import { ListPersonTrajectoriesHandler } from './person-trajectories/list-person-trajectories.handler';
import { ReadTrajectoryHandler } from './read-trajectory/read-trajectory.handler';
import { IntakeSubjectAccessSection } from './subject-access/subject-access.section';
import { TransferResponsibilityController } from './transfer-responsibility/transfer-responsibility.controller';
import { TrajectorySnapshots } from './trajectory-snapshot/trajectory-snapshots';

/**
 * The intake trajectory (docs/domain.md, capability 2; issue 6): opened for a person by a social worker's organisation,
 * assessed across life domains, needs, rights and unmet needs recorded, reassigned, transferred, closed and reopened;
 * read as a caseload, in detail with its timeline and referrals, and as of any date. Exports `TrajectorySnapshots`.
 */
@Module({
  imports: [PersonalDataCryptoModule, PrivacyModule, PartnersModule, ClientsModule],
  controllers: [
    ListCaseloadController,
    OpenIntakeController,
    ReadTrajectoryController,
    AssessLifeDomainsController,
    RecordNeedController,
    ExploreRightController,
    ApplyForRightController,
    GrantRightController,
    RefuseRightController,
    SignalUnmetNeedController,
    AssignCaseworkerController,
    TransferResponsibilityController,
    CloseIntakeController,
    ReopenIntakeController,
    ListPersonTrajectoriesController,
  ],
  providers: [
    IntakeStreams,
    IntakeAccess,
    IntakeCommands,
    OpenIntakeClaims,
    ReferralHandOffs,
    NeedDescriptions,
    TrajectoryRegister,
    TrajectorySnapshots,
    IntakeSubjectAccessSection,
    OpenIntakeHandler,
    ApplyForRightHandler,
    AssessLifeDomainsHandler,
    AssignCaseworkerHandler,
    CloseIntakeHandler,
    ExploreRightHandler,
    GrantRightHandler,
    RecordNeedHandler,
    RefuseRightHandler,
    ReopenIntakeHandler,
    SignalUnmetNeedHandler,
    TransferResponsibilityHandler,
    ReadTrajectoryHandler,
    ListCaseloadHandler,
    ListPersonTrajectoriesHandler,
  ],
  exports: [TrajectorySnapshots],
})
export class IntakeModule {}
