package io.surge;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.springframework.data.repository.Repository;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.RestController;

@AnalyzeClasses(packages = "io.surge", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    /**
     * No ORM: Hibernate and Spring Data JPA loaded ~6,000 classes (a fifth of an instance's class metadata, several
     * seconds of its start) for three tables; every store is SQL (docs/performance.md, "Memory").
     */
    @ArchTest
    static final ArchRule storesAreSqlNotAnOrm = noClasses()
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("jakarta.persistence..", "org.hibernate..", "org.springframework.data.jpa..")
            .orShould()
            .beAssignableTo(Repository.class);

    /**
     * Every store is SQL over {@code JdbcClient} or {@code JdbcTemplate} ({@code Members}, {@code Orders},
     * {@code Wallets}, ...). In a business module they are internal. (The messaging module's {@code ProcessedEvents} is a published service, not a repository.)
     */
    @ArchTest
    static final ArchRule sqlStoresStayInsideTheirModule = classes()
            .that(useJdbc())
            .and()
            .resideInAnyPackage(
                    "io.surge.catalog..",
                    "io.surge.coupon..",
                    "io.surge.dispatch..",
                    "io.surge.member..",
                    "io.surge.order..",
                    "io.surge.payment..")
            .should()
            .notBePublic();

    @ArchTest
    static final ArchRule controllersLiveInWebPackages =
            classes().that().areAnnotatedWith(RestController.class).should().resideInAPackage("..web..");

    @ArchTest
    static final ArchRule domainDoesNotDependOnWeb = noClasses()
            .that()
            .resideOutsideOfPackage("..web..")
            .should()
            .dependOnClassesThat(JavaClass.Predicates.resideInAPackage("io.surge.*.web.."));

    /**
     * No cycles between packages, not only between modules: every package is its own slice, so a module's
     * sub-packages ({@code traffic.ratelimit} -> {@code traffic.resilience}) must form a tree as well.
     */
    @ArchTest
    static final ArchRule packagesAreFreeOfCycles =
            slices().matching("io.surge.(**)").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule noLayerPackagesAtTheTop = noClasses()
            .should()
            .resideInAnyPackage("io.surge.controller..", "io.surge.service..", "io.surge.repository..");

    private static DescribedPredicate<JavaClass> useJdbc() {
        return DescribedPredicate.describe(
                "use JdbcClient or JdbcTemplate",
                type -> type.getDirectDependenciesFromSelf().stream()
                        .anyMatch(dependency -> dependency.getTargetClass().isAssignableTo(JdbcClient.class)
                                || dependency.getTargetClass().isAssignableTo(JdbcOperations.class)));
    }
}
