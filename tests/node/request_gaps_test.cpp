// RequestGaps: requests of one client that never arrived, from the jumps in its sequence numbers.
#include <gtest/gtest.h>

#include "../../src/node/request_gaps.hpp"

using rclite::detail::RequestGaps;

TEST(RequestGaps, CountsTheJumpsOfEachClientButNotWhatCameBeforeItsFirstRequest) {
  RequestGaps gaps;
  EXPECT_EQ(gaps.missing_before(7, 4), 0);  // first seen: requests 1-3 were never meant for us
  EXPECT_EQ(gaps.missing_before(7, 5), 0);
  EXPECT_EQ(gaps.missing_before(7, 9), 3);  // 6, 7, 8 lost
  EXPECT_EQ(gaps.missing_before(8, 1), 0);  // another client
  EXPECT_EQ(gaps.missing_before(8, 3), 1);
  EXPECT_EQ(gaps.missing_before(7, 9), 0);  // a duplicate counts nothing
  EXPECT_EQ(gaps.total(), 4u);
  gaps.forget(7);
  EXPECT_EQ(gaps.missing_before(7, 20), 0);  // seen anew
}
