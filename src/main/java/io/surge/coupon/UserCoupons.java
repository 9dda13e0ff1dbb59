package io.surge.coupon;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** SQL for reading issued coupons and moving one through its order's life (reserve, release, use). */
@Repository
class UserCoupons {

    private static final String COLUMNS = "id, coupon_id, member_id, status, order_id, expires_at";

    private final JdbcClient jdbc;

    UserCoupons(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<UserCoupon> findByMemberIdNewestFirst(long memberId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM user_coupon WHERE member_id = ? ORDER BY issued_at DESC")
                .param(memberId)
                .query(UserCoupons::userCoupon)
                .list();
    }

    /** The coupon, its row locked until the caller's transaction ends: a reservation and a release never interleave. */
    @Transactional(propagation = Propagation.MANDATORY)
    Optional<UserCoupon> lockById(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM user_coupon WHERE id = ? FOR UPDATE")
                .param(id)
                .query(UserCoupons::userCoupon)
                .optional();
    }

    /** Writes back the status and order of a coupon read with {@link #lockById}. */
    @Transactional(propagation = Propagation.MANDATORY)
    void updateStatus(UserCoupon coupon) {
        jdbc.sql("UPDATE user_coupon SET status = ?, order_id = ? WHERE id = ?")
                .params(coupon.status().name(), coupon.orderId(), coupon.id())
                .update();
    }

    long countByCouponId(long couponId) {
        return jdbc.sql("SELECT COUNT(*) FROM user_coupon WHERE coupon_id = ?")
                .param(couponId)
                .query(Long.class)
                .single();
    }

    boolean existsByCouponIdAndMemberId(long couponId, long memberId) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM user_coupon WHERE coupon_id = ? AND member_id = ?)")
                .params(couponId, memberId)
                .query(Boolean.class)
                .single();
    }

    private static UserCoupon userCoupon(ResultSet rs, int n) throws SQLException {
        return new UserCoupon(
                rs.getLong("id"),
                rs.getLong("coupon_id"),
                rs.getLong("member_id"),
                UserCouponStatus.valueOf(rs.getString("status")),
                rs.getObject("order_id", Long.class), // null while no order holds it
                rs.getTimestamp("expires_at").toInstant());
    }
}
