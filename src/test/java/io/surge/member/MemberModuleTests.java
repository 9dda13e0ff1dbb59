package io.surge.member;

import static org.assertj.core.api.Assertions.assertThat;

import io.surge.support.TestInfrastructure;
import io.surge.support.TestServicesInitializer;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.modulith.test.Scenario;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * The member module with only what it depends on (security, traffic, web and below): no order, payment, catalog,
 * coupon, dispatch or messaging beans in the context. Kafka plays no part: listeners stay stopped and nothing is
 * externalized, so the slice neither consumes nor produces records of the shared test broker.
 */
@ApplicationModuleTest(mode = BootstrapMode.ALL_DEPENDENCIES, extraIncludes = "persistence")
@Import(TestInfrastructure.class)
@ContextConfiguration(initializers = TestServicesInitializer.class)
@ActiveProfiles({"test", "module-slice"})
class MemberModuleTests {

    @Autowired
    MemberManagement members;

    @Test
    void aSignupPublishesMemberSignedUpWithTheNewMembersIdAndNormalizedEmail(Scenario scenario) {
        String local = "slice-" + UUID.randomUUID().toString().substring(0, 8);

        scenario.stimulate(() -> members.signUp("  " + local + "@Example.COM ", "correct-horse", "Ada"))
                .andWaitForEventOfType(MemberSignedUp.class)
                .matching(event -> event.email().startsWith(local))
                .toArriveAndVerify((event, member) -> {
                    assertThat(event.memberId()).isEqualTo(member.memberId());
                    assertThat(event.email()).isEqualTo(local + "@example.com");
                });
    }
}
