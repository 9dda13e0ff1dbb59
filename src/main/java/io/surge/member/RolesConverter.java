package io.surge.member;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/** Roles are few and read with the member, so a comma list beats a join table on the login path. */
@Converter
class RolesConverter implements AttributeConverter<Set<Role>, String> {

    @Override
    public String convertToDatabaseColumn(Set<Role> roles) {
        return roles.stream().map(Role::name).sorted().collect(Collectors.joining(","));
    }

    @Override
    public Set<Role> convertToEntityAttribute(String column) {
        EnumSet<Role> roles = EnumSet.noneOf(Role.class);
        Arrays.stream(column.split(","))
                .filter(s -> !s.isBlank())
                .map(String::trim)
                .map(Role::valueOf)
                .forEach(roles::add);
        return roles;
    }
}
