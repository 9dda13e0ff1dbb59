package io.surge.coupon;

import org.springframework.data.jpa.repository.JpaRepository;

interface Coupons extends JpaRepository<Coupon, Long> {}
