// Everything a user of rclite needs: contexts, nodes, services, clients, executors, logging.
#pragma once

#include "rclite/arguments.hpp"
#include "rclite/callback_group.hpp"
#include "rclite/client.hpp"
#include "rclite/context.hpp"
#include "rclite/errors.hpp"
#include "rclite/executor.hpp"
#include "rclite/logging.hpp"
#include "rclite/names.hpp"
#include "rclite/node.hpp"
#include "rclite/parameter.hpp"
#include "rclite/parameter_callbacks.hpp"
#include "rclite/service.hpp"
