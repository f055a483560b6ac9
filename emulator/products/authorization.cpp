// emulator/products/authorization.cpp — (being written)
#include "emulator/products.hpp"

namespace emulator::products {

void register_authorization(api&) {}

}  // namespace emulator::products
