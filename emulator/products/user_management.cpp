// emulator/products/user_management.cpp — (being written)
#include "emulator/products.hpp"

namespace emulator::products {

void register_user_management(api&) {}

}  // namespace emulator::products
