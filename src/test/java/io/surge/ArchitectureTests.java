package io.surge;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import jakarta.persistence.Entity;
import org.springframework.data.repository.Repository;
import org.springframework.web.bind.annotation.RestController;

@AnalyzeClasses(packages = "io.surge", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    @ArchTest
    static final ArchRule repositoriesStayInsideTheirModule =
            classes().that().areAssignableTo(Repository.class).should().notBePublic();

    @ArchTest
    static final ArchRule entitiesStayInsideTheirModule =
            classes().that().areAnnotatedWith(Entity.class).should().notBePublic();

    @ArchTest
    static final ArchRule controllersLiveInWebPackages =
            classes().that().areAnnotatedWith(RestController.class).should().resideInAPackage("..web..");

    @ArchTest
    static final ArchRule domainDoesNotDependOnWeb = noClasses()
            .that()
            .resideOutsideOfPackage("..web..")
            .and()
            .resideOutsideOfPackage("io.surge.platform..")
            .should()
            .dependOnClassesThat(JavaClass.Predicates.resideInAPackage("io.surge.*.web..")
                    .and(JavaClass.Predicates.resideOutsideOfPackage("io.surge.platform..")));

    @ArchTest
    static final ArchRule noLayerPackagesAtTheTop = noClasses()
            .should()
            .resideInAnyPackage("io.surge.controller..", "io.surge.service..", "io.surge.repository..");
}
