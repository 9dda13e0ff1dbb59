package io.surge.coupon;

import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface UserCoupons extends JpaRepository<UserCoupon, Long> {

    List<UserCoupon> findByMemberIdOrderByIssuedAtDesc(long memberId);

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select u from UserCoupon u where u.id = :id")
    Optional<UserCoupon> lockById(long id);

    long countByCouponId(long couponId);

    boolean existsByCouponIdAndMemberId(long couponId, long memberId);
}
