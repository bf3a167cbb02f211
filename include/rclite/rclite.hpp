/// @file
/// Everything a user of rclite needs: contexts, nodes, services, clients, publishers, subscriptions,
/// executors, time, clocks, timers, logging.
#pragma once

#include "rclite/arguments.hpp"
#include "rclite/callback_group.hpp"
#include "rclite/client.hpp"
#include "rclite/clock.hpp"
#include "rclite/duration.hpp"
#include "rclite/context.hpp"
#include "rclite/errors.hpp"
#include "rclite/executor.hpp"
#include "rclite/logging.hpp"
#include "rclite/names.hpp"
#include "rclite/node.hpp"
#include "rclite/parameter.hpp"
#include "rclite/parameter_callbacks.hpp"
#include "rclite/publisher.hpp"
#include "rclite/rate.hpp"
#include "rclite/service.hpp"
#include "rclite/subscription.hpp"
#include "rclite/time.hpp"
#include "rclite/timer.hpp"
