package io.surge.member.web;

import io.surge.member.Emails;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Email is normalised before validation so " A@B.io " and "a@b.io" are one account. */
record SignupRequest(
        @NotBlank @Email @Size(max = 254) String email,
        @NotNull @Size(min = 8, max = 72) @MaxUtf8Bytes(72) String password,
        @NotBlank @Size(min = 1, max = 50) String name) {

    SignupRequest {
        email = Emails.normalize(email);
        name = name == null ? null : name.strip();
    }
}
