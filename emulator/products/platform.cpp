// emulator/products/platform.cpp — (being written)
#include "emulator/products.hpp"

namespace emulator::products {

void register_platform(api&) {}

void deliver_webhooks(store&, const std::string&, std::vector<json>) {}

}  // namespace emulator::products
